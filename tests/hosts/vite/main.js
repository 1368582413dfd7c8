import { AivenForkElement } from 'aiven-fork/widget';
import { mount } from '../common/mount.js';

mount(AivenForkElement, 'vite');
