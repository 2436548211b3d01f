// The hostile input suite is its tests (src/*.test.ts); nothing is exported.
export {};
