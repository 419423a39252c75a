namespace GreenGrid.Platform.Security;

/// <summary>Headers that tell browsers to refuse framing, sniffing and leaking, on every response.</summary>
internal static class SecurityHeaders
{
    // Blazor and MudBlazor set inline styles; scripts come only from this origin. The camera is for the
    // gate scanner page; nothing else may be used.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // The API reference page runs its own scripts from its bundle; it gets the framework's defaults.
        if (!context.Request.Path.StartsWithSegments("/api-reference"))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
        await next();
    });
}
