using GreenGrid.Platform.Errors;
using QRCoder;

namespace GreenGrid.Access.ShowPass;

/// <summary>One pass the caller may see, with its token and status, and its QR code to print or show at the gate.</summary>
internal static class ShowPass
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/passes/{id:long}", async (long id, PassViews passes, CancellationToken ct) =>
                await passes.Find(id, ct) is { } pass ? Results.Ok(pass) : Problems.NotFound(AccessMessages.PassNotFound(id)))
            .Produces<PassView>().WithSummary("One pass with its token and status.");

    public static void MapQr(RouteGroupBuilder api) =>
        api.MapGet("/passes/{id:long}/qr", Qr).WithSummary("The pass's QR code: SVG, or PNG with ?format=png.");

    /// <summary>A resident's own pass: the same answer, under the permission on their own household.</summary>
    public static void MapOwnQr(RouteGroupBuilder api) =>
        api.MapGet("/me/passes/{id:long}/qr", Qr).WithSummary("The QR code of one of the resident's own passes.");

    private static async Task<IResult> Qr(long id, string? format, PassViews passes, CancellationToken ct)
    {
        if (await passes.Find(id, ct) is not { } pass)
        {
            return Problems.NotFound(AccessMessages.PassNotFound(id));
        }
        return string.Equals(format, "png", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.File(PassQr.Png(pass.Token), "image/png", $"pass-{id}.png")
            : TypedResults.Text(PassQr.Svg(pass.Token), "image/svg+xml");
    }
}

/// <summary>A pass token as a QR code.</summary>
internal static class PassQr
{
    /// <summary>The QR code of a token as SVG (scales to any size for printing).</summary>
    public static string Svg(string token)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>The QR code of a token as PNG.</summary>
    public static byte[] Png(string token, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
