/** The answer of an upload: the HTTP status and the parsed JSON body (null when the body is not JSON). */
export interface UploadAnswer {
  status: number;
  body: unknown;
}

/**
 * Posts a form with XMLHttpRequest, the one browser API that reports upload progress. Calls
 * onProgress with 0–100 while the bytes go out, then onSent once they are all sent and the
 * server is working. Rejects only on a network failure.
 */
export function postWithProgress(url: string, form: FormData, onProgress: (percent: number) => void, onSent: () => void): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "text";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.upload.onload = () => onSent();
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // A non-JSON answer (a proxy's error page): the caller reports it by status.
      }
      resolve({ status: request.status, body });
    };
    request.onerror = () => reject(new Error("network"));
    request.send(form);
  });
}
