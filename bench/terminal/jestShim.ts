// The test backend's service mocks are built on jest.fn(); outside jest a tiny stand-in will do.
(globalThis as any).jest ??= {
  fn: () => {
    let impl: (...args: unknown[]) => unknown = () => undefined;
    return Object.assign((...args: unknown[]) => impl(...args), {
      mockImplementation: (next: typeof impl) => void (impl = next),
    });
  },
};

export {};
