import http from "node:http";

// Requests as a script sends them, over a connection from a local address of the test's choice
// (Linux routes all of 127/8 to the loopback), so limits counted per client address never touch
// the browser tests' 127.0.0.1.

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request from the local address `from`, with the headers given and nothing else. */
export function send(baseURL: string, from: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const target = new URL(baseURL);
  return new Promise<Reply>((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path, method: options.method ?? "GET", headers: options.headers, localAddress: from },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

const cookiePairs = (reply: Reply) => (reply.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]!).join("; ");

/** A sign-in through Auth.js's own endpoint, as a script would post it; answers where it redirects. */
export async function scriptedSignIn(baseURL: string, from: string, forged: string, email: string, password: string) {
  const csrf = await send(baseURL, from, "/api/auth/csrf", { headers: { "x-forwarded-for": forged } });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const reply = await send(baseURL, from, "/api/auth/callback/credentials", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiePairs(csrf),
      "x-forwarded-for": forged,
      "x-real-ip": forged,
      // The portal's own connection header, which only the server process may write.
      "x-pekppp-connection-address": forged,
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }).toString(),
  });
  return reply.headers.location ?? "";
}
