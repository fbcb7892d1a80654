// Values that vitest globalSetup files provide to tests (`inject(...)`).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the HTTP stub of test/config/http-stub-setup.ts. */
    stubUrl: string;
  }
}
