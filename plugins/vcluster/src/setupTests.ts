import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The first render of a Backstage table takes seconds on a busy, shared CI machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
