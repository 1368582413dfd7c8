// <aiven-fork> in React's JSX: its attributes, its properties (React 19 sets a prop as a
// property when the element has it) and its events (React 19 adds a listener for an
// `on<event-name>` prop of a custom element), typed from the package's declarations.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AivenForkCredentials, AivenForkElement, AivenForkEventMap } from 'aiven-fork/widget';

type AivenForkProps = DetailedHTMLProps<HTMLAttributes<AivenForkElement>, AivenForkElement> & {
  project?: string;
  service?: string;
  'base-url'?: string;
  credentials?: AivenForkCredentials;
  token?: string | null;
  headers?: Record<string, string> | null;
  'onaiven-fork-created'?: (event: AivenForkEventMap['aiven-fork-created']) => void;
  'onaiven-fork-running'?: (event: AivenForkEventMap['aiven-fork-running']) => void;
  'onaiven-fork-error'?: (event: AivenForkEventMap['aiven-fork-error']) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'aiven-fork': AivenForkProps;
    }
  }
}
