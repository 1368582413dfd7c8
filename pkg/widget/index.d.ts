// `aiven-fork/widget`: the <aiven-fork> custom element. Importing the entry defines the
// element (once per page) and exports its class; the tag is then typed everywhere through
// HTMLElementTagNameMap, and its events through HTMLElementEventMap.

/** `detail` of `aiven-fork-created`: `fork()` answered (`created: false`: this very fork already existed). */
export interface AivenForkCreatedDetail {
  serviceName: string;
  created: boolean;
}

/** A service as the Aiven API describes it (`GET /v1/project/{project}/service/{name}`). */
export interface AivenService {
  service_name: string;
  service_type: string;
  state: string;
  plan: string;
  [key: string]: unknown;
}

/** `detail` of `aiven-fork-running`: the fork is RUNNING. */
export interface AivenForkRunningDetail {
  serviceName: string;
  service: AivenService;
}

/**
 * `detail` of `aiven-fork-error`: submitting or waiting failed (`code`: a ForkError code;
 * `message`: the library's explanation the widget shows, `explainForkError(...).message`).
 */
export interface AivenForkErrorDetail {
  code: string;
  message: string;
}

/** The events the element dispatches (bubbling, composed). */
export interface AivenForkEventMap {
  'aiven-fork-created': CustomEvent<AivenForkCreatedDetail>;
  'aiven-fork-running': CustomEvent<AivenForkRunningDetail>;
  'aiven-fork-error': CustomEvent<AivenForkErrorDetail>;
}

/** fetch's `credentials` mode for the element's API calls. */
export type AivenForkCredentials = 'omit' | 'same-origin' | 'include';

/** The colour theme: `auto` follows the page's `prefers-color-scheme`. */
export type AivenForkTheme = 'light' | 'dark' | 'auto';

/**
 * `<aiven-fork project service base-url credentials>`: fork one Aiven service.
 *
 * Attributes (each also a property): `project`, `service`, `source-project`
 * (`sourceProject`), `base-url` (`baseUrl`; default `https://api.aiven.io`, or a same-origin
 * path such as `/aiven-api` for a console backend that adds the token itself), `api-url`
 * (`apiUrl`), `credentials`, `theme`. Properties only: `token`, `headers`.
 */
export declare class AivenForkElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The project of the source and of the fork (attribute `project`). */
  project: string;
  /** The source service (attribute `service`). */
  service: string;
  /** The source's project when it is not `project` (attribute `source-project`); `''`: the same project. */
  sourceProject: string;
  /** The API base (attribute `base-url`): an https URL, http to loopback, or a same-origin path. */
  baseUrl: string;
  /**
   * The API the equivalent commands talk to (attribute `api-url`); `''`: `baseUrl` when it is
   * a URL, Aiven's API when it is a same-origin path (a console backend forwards there).
   */
  apiUrl: string;
  /** fetch's credentials mode (attribute `credentials`); `null`: fetch's default. */
  credentials: AivenForkCredentials | null;
  /** The colour theme (attribute `theme`); `auto` unless `light` or `dark` is set. */
  theme: AivenForkTheme;
  /** The API token: a property only, never reflected, rendered or put into a command. Not needed with a same-origin path `baseUrl`. */
  token: string | null;
  /** Extra request headers, e.g. a console backend's CSRF header (not `Authorization`, not hop-by-hop headers). */
  headers: Record<string, string> | null;
  /** Read the source again and reset the form. */
  reload(): void;
  addEventListener<K extends keyof AivenForkEventMap>(
    type: K,
    listener: (this: AivenForkElement, ev: AivenForkEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: AivenForkElement, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof AivenForkEventMap>(
    type: K,
    listener: (this: AivenForkElement, ev: AivenForkEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: AivenForkElement, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The event names, as dispatched. */
export declare const EVENTS: {
  readonly created: 'aiven-fork-created';
  readonly running: 'aiven-fork-running';
  readonly error: 'aiven-fork-error';
};

declare global {
  interface HTMLElementTagNameMap {
    'aiven-fork': AivenForkElement;
  }
  // Bubbling and composed: a listener on any element, or on `document`, gets them typed.
  interface HTMLElementEventMap extends AivenForkEventMap {}
  interface DocumentEventMap extends AivenForkEventMap {}
}
