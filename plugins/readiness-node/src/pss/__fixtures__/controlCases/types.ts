import { PodLike } from '../../types';

/**
 * For every control: pods it admits and pods it refuses, with the refusal in upstream's words.
 * Each pod starts restricted-compliant, so a refusal names only the control under test.
 */
export interface ControlCases {
  pass: Array<[string, PodLike]>;
  fail: Array<[string, PodLike, { name: string; message: string }]>;
}
