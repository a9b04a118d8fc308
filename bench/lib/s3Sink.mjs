// A loopback S3 endpoint for upload benchmarks: answers PutObject and the multipart calls
// (CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload) as S3 does, and
// counts the bytes it received without keeping them, so the server's memory stays out of the numbers.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { URL } from 'node:url';

const xml = (body) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;

export async function startS3Sink() {
  let received = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink.invalid');
    req.on('data', (chunk) => void (received += chunk.length));
    req.on('end', () => {
      const etag = `"${randomBytes(16).toString('hex')}"`;
      if (req.method === 'POST' && url.searchParams.has('uploads')) {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(
          xml(
            `<InitiateMultipartUploadResult><UploadId>${randomBytes(8).toString('hex')}</UploadId></InitiateMultipartUploadResult>`,
          ),
        );
      } else if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(xml(`<CompleteMultipartUploadResult><ETag>${etag}</ETag></CompleteMultipartUploadResult>`));
      } else if (req.method === 'DELETE') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { etag, 'content-length': 0 }).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    received: () => received,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
