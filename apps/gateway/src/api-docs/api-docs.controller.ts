import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path.js';
import { Public } from '../auth/auth.guard';
import { notFound } from '../auth/errors';

/** swagger-ui-dist's folder; it sits in the package's node_modules, beside docs/ (repository, dist build and image alike). */
const SWAGGER_UI = getAbsoluteFSPath();
export const DOCS_DIR = join(dirname(dirname(SWAGGER_UI)), 'docs');

/** The few files of swagger-ui-dist the page loads: nothing else of node_modules is served. */
const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const DOCUMENTS = { 'openapi.json': 'openapi.json', 'asyncapi.json': 'asyncapi.json' } as const;

const SWAGGER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Trustwide API</title>
<link rel="stylesheet" href="/api/docs/ui/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/ui/favicon-32x32.png">
</head>
<body>
<p>The events: <a href="/api/docs/events">their channels and messages</a>, <a href="/api/docs/asyncapi.json">asyncapi.json</a>. This API: <a href="/api/docs/openapi.json">openapi.json</a>.</p>
<div id="swagger-ui"></div>
<script src="/api/docs/ui/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// A file, not an inline script: the Content-Security-Policy (helmet's, script-src 'self') runs no inline code.
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/docs/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

const escape = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

type AsyncApi = {
  info: { title: string; description: string };
  channels: Record<string, { address: string; description: string; messages: Record<string, { $ref: string }> }>;
  components: {
    messages: Record<string, { name: string; title: string; summary: string; bindings: { kafka: { key: { description: string } } } }>;
  };
};

/** The AsyncAPI document as a page to read: per topic, each event, its version, what it means and its key. */
function eventsPage(doc: AsyncApi): string {
  const sections = Object.values(doc.channels).map((channel) => {
    const rows = Object.values(channel.messages).map(({ $ref }) => {
      const m = doc.components.messages[$ref.split('/').pop() ?? ''];
      return `<tr><td><code>${escape(m.title)}</code></td><td>${escape(m.summary)}</td><td>${escape(m.bindings.kafka.key.description)}</td></tr>`;
    });
    return `<h2><code>${escape(channel.address)}</code></h2>\n<p>${escape(channel.description)}</p>\n<table>\n<tr><th>event</th><th>what it says</th><th>Kafka key</th></tr>\n${rows.join('\n')}\n</table>`;
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(doc.info.title)}</title></head>
<body>
<h1>${escape(doc.info.title)}</h1>
<p>${escape(doc.info.description)}</p>
<p>Payload schemas, headers and the envelope: <a href="/api/docs/asyncapi.json">asyncapi.json</a> (AsyncAPI 3.0). The HTTP API: <a href="/api/docs">/api/docs</a>.</p>
${sections.join('\n')}
</body>
</html>
`;
}

/**
 * The API documents, for anyone (they say what the API is, nothing of a trust's data): Swagger UI at /api/docs from
 * swagger-ui-dist's own files, the committed docs/openapi.json and docs/asyncapi.json as they are, and a page of the
 * events. Listed before the proxy, so these paths are never forwarded.
 */
@Controller('api/docs')
@Public()
export class ApiDocsController {
  private readonly cache = new Map<string, string>();

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return SWAGGER_PAGE;
  }

  @Get('init.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  init(): string {
    return INIT_SCRIPT;
  }

  @Get('ui/:file')
  ui(@Param('file') file: string, @Res() res: Response): void {
    if (!Object.prototype.hasOwnProperty.call(UI_FILES, file)) throw notFound(`no file ${file} in the documentation`, 'file');
    res.type(UI_FILES[file]).setHeader('cache-control', 'public, max-age=3600');
    res.sendFile(join(SWAGGER_UI, file));
  }

  @Get('events')
  @Header('content-type', 'text/html; charset=utf-8')
  events(): string {
    return eventsPage(JSON.parse(this.read('asyncapi.json')) as AsyncApi);
  }

  @Get(':document')
  document(@Param('document') name: string, @Res() res: Response): void {
    if (!Object.prototype.hasOwnProperty.call(DOCUMENTS, name)) throw notFound(`no document ${name}`, 'document');
    res.type('application/json; charset=utf-8').send(this.read(DOCUMENTS[name as keyof typeof DOCUMENTS]));
  }

  /** The committed file, read once: it changes only with a new build. */
  private read(file: string): string {
    let text = this.cache.get(file);
    if (text === undefined) {
      text = readFileSync(join(DOCS_DIR, file), 'utf8');
      this.cache.set(file, text);
    }
    return text;
  }
}

export const API_DOCS_CONTROLLERS = [ApiDocsController];
