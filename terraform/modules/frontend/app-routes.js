// Viewer request on the bucket's behaviour: the app's own routes (/orders/<id>, /auth/callback, /sign-in) are no
// files in the bucket, so CloudFront fetches index.html for them and the app reads the path itself. A path whose last
// segment has a dot (/assets/index-4f3a2b.js, /config.json) is a file and goes through unchanged, so a missing one
// stays an error instead of a page. /api/*, /health and /alive have behaviours of their own and never come here.
function handler(event) {
  const request = event.request;
  const lastSegment = request.uri.substring(request.uri.lastIndexOf("/") + 1);
  if (lastSegment.indexOf(".") === -1) {
    request.uri = "/index.html";
  }
  return request;
}
