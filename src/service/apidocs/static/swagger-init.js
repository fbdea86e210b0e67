// Kept out of the HTML so the Content-Security-Policy can forbid inline scripts.
window.addEventListener("load", function () {
  var container = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: container.dataset.specUrl,
    domNode: container,
    deepLinking: true,
    persistAuthorization: true,
    // RealWorld's scheme is "Authorization: Token <jwt>"; accept a bare token in Authorize.
    requestInterceptor: function (request) {
      var auth = request.headers && request.headers.Authorization;
      if (auth && !/^(Token|Bearer) /.test(auth)) {
        request.headers.Authorization = "Token " + auth;
      }
      return request;
    },
  });
});
