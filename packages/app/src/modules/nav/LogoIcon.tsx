import { HatchMark } from './HatchMark';

/** The Hatchway mark alone, shown in the collapsed sidebar. */
export const LogoIcon = () => <HatchMark size={28} />;
