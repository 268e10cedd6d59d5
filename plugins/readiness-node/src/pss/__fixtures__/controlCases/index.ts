import { hostCases } from './host';
import { privilegeCases } from './privilege';
import { procAndSysctlsCases } from './procAndSysctls';
import { profilesCases } from './profiles';
import { ControlCases } from './types';
import { usersCases } from './users';
import { volumesCases } from './volumes';

export type { ControlCases } from './types';

/** Every control's cases, by upstream control id; one module per family, as in ../../controls. */
export const controlCases: Record<string, ControlCases> = {
  ...hostCases,
  ...privilegeCases,
  ...procAndSysctlsCases,
  ...profilesCases,
  ...usersCases,
  ...volumesCases,
};
