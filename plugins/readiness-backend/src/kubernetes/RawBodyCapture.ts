import {
  Middleware,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';

/**
 * Keeps the body of the last response exactly as the API server sent it.
 *
 * client-node deserializes list responses into its typed models, which rename fields
 * (a NetworkPolicy rule's `from` becomes `_from`), turn times into Dates, and drop fields newer
 * than the models and the list's `metadata.continue` for custom resources. The check engine reads
 * Kubernetes JSON, so the scanner takes the raw body instead. One capture per client, used for
 * one request at a time.
 */
export class RawBodyCapture implements Middleware {
  private body: string | undefined;

  async pre(context: RequestContext): Promise<RequestContext> {
    return context;
  }

  async post(response: ResponseContext): Promise<ResponseContext> {
    const text = await response.body.text();
    this.body = text;
    // The body stream is read; hand client-node a fresh one holding the same text.
    return new ResponseContext(response.httpStatusCode, response.headers, {
      text: async () => text,
      binary: async () => Buffer.from(text),
    });
  }

  /** The parsed body of the last response, which is then forgotten. */
  take<T>(): T {
    return JSON.parse(this.takeText()) as T;
  }

  /** The body of the last response as sent, which is then forgotten. */
  takeText(): string {
    const body = this.body;
    this.body = undefined;
    if (body === undefined) throw new Error('No response body was captured');
    return body;
  }
}
