export { SandboxState } from './sandbox-state';
export default {
  async fetch(): Promise<Response> {
    return new Response('sandbox');
  },
} satisfies ExportedHandler<SandboxEnv>;
