using QRCoder;

namespace Ledger.Api.Infrastructure;

/// <summary>QR codes as SVG answers: a passbook number for a card, a new key for the counter's sign-in.</summary>
public static class QrCodeSvg
{
    /// <summary>
    /// <paramref name="text"/> as an SVG answer, never cached (a key's code is a secret). Level M survives a worn card;
    /// the quiet zone is drawn, as scanners need it.
    /// </summary>
    public static IResult Answer(HttpResponse response, string text, int pixelsPerModule)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(pixelsPerModule, "#000000", "#ffffff", drawQuietZones: true);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Text(svg, "image/svg+xml; charset=utf-8");
    }
}
