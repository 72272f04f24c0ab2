using System.Text.Json;
using Microsoft.Playwright;

namespace Ledger.Pages.Tests.Support;

/// <summary>
/// Tells real Chinese glyphs from "tofu" (the empty boxes drawn when no font has the character) in a screenshot.
/// Each character's box is cut out of a screenshot of the element and reduced to a coarse ink bitmap. Real hanzi
/// differ from one another and from the box the same element draws for a character no font has (U+10FFFD); tofu
/// boxes are all alike and equal to that box.
/// </summary>
public static class GlyphInspector
{
    /// <summary>A character no installed font draws: the browser shows its missing-glyph box.</summary>
    public const string MissingGlyph = "\U0010FFFD";

    private const string GlyphBoxesScript = """
        element => {
          const origin = element.getBoundingClientRect();
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          const boxes = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.data.length; ) {
              const size = node.data.codePointAt(i) > 0xffff ? 2 : 1;
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + size);
              const r = range.getBoundingClientRect();
              const ch = node.data.slice(i, i + size);
              if (ch.trim()) boxes.push({ ch, x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height });
              i += size;
            }
          }
          return JSON.stringify(boxes);
        }
        """;

    // Runs on about:blank (no page CSP): decodes the screenshots and reduces each glyph box to a 12x12 ink bitmap,
    // ink being any pixel far from the element's background (the most common colour), whatever the colours are.
    private const string BitmapsScript = """
        async ({ png, boxesJson }) => {
          const boxes = JSON.parse(boxesJson);
          const image = new Image();
          image.src = 'data:image/png;base64,' + png;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width; canvas.height = image.height;
          const g = canvas.getContext('2d');
          g.drawImage(image, 0, 0);
          const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
          const counts = new Map();
          for (let i = 0; i < data.length; i += 4) {
            const c = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            counts.set(c, (counts.get(c) ?? 0) + 1);
          }
          const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
          const [br, bg2, bb] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
          // Ink is a pixel at least halfway from the background to the element's strongest ink, so anti-aliased
          // fringes (which fall differently at each fractional offset) do not count.
          const distance = i => Math.abs(data[i] - br) + Math.abs(data[i + 1] - bg2) + Math.abs(data[i + 2] - bb);
          let strongest = 0;
          for (let i = 0; i < data.length; i += 4) strongest = Math.max(strongest, distance(i));
          const ink = (x, y) => distance((y * canvas.width + x) * 4) > Math.max(96, strongest / 2);
          // Each glyph's ink is cropped to its own bounding box before it is reduced to the grid, so the same shape
          // drawn at another fractional offset gives the same bitmap.
          const grid = 12;
          return JSON.stringify(boxes.map(b => {
            const x0 = Math.max(0, Math.floor(b.x)), y0 = Math.max(0, Math.floor(b.y));
            const x1 = Math.min(canvas.width, Math.ceil(b.x + b.w)), y1 = Math.min(canvas.height, Math.ceil(b.y + b.h));
            let inkPixels = 0, minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
            for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
              if (!ink(x, y)) continue;
              inkPixels++;
              minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
            }
            let bitmap = '0'.repeat(grid * grid);
            if (inkPixels > 0) {
              const w = maxX - minX + 1, h = maxY - minY + 1;
              const cells = [];
              for (let cy = 0; cy < grid; cy++) for (let cx = 0; cx < grid; cx++) {
                const xa = minX + Math.floor(cx * w / grid), xb = Math.max(xa + 1, minX + Math.floor((cx + 1) * w / grid));
                const ya = minY + Math.floor(cy * h / grid), yb = Math.max(ya + 1, minY + Math.floor((cy + 1) * h / grid));
                let n = 0;
                for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) n += ink(x, y) ? 1 : 0;
                cells.push(n / ((xb - xa) * (yb - ya)) > 0.25 ? '1' : '0');
              }
              bitmap = cells.join('');
            }
            return { ch: b.ch, width: b.w, inkPixels, bitmap };
          }));
        }
        """;

    /// <summary>
    /// Screenshots <paramref name="element"/> (saved to <paramref name="screenshotPath"/> for a person to look at)
    /// and the same element showing <see cref="MissingGlyph"/>, and reports each character's ink and likeness.
    /// </summary>
    public static async Task<GlyphReport> InspectAsync(ILocator element, string screenshotPath)
    {
        var page = element.Page;
        // Boxes and glyphs cross between browser and test as JSON text: plain, and nothing lost to a binder.
        var boxes = await element.EvaluateAsync<string>(GlyphBoxesScript);
        var png = await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = screenshotPath });

        // The reference box: a copy of the element, styled the same, showing a character no font has.
        await element.EvaluateAsync("""
            (element, text) => {
              const copy = element.cloneNode(false);
              copy.removeAttribute('id');
              copy.setAttribute('data-glyph-reference', '');
              copy.textContent = text;
              element.after(copy);
            }
            """, MissingGlyph + MissingGlyph);
        var reference = page.Locator("[data-glyph-reference]");
        var referenceBoxes = await reference.EvaluateAsync<string>(GlyphBoxesScript);
        var referencePng = await reference.ScreenshotAsync();
        await reference.EvaluateAsync("copy => copy.remove()");

        // A page of its own (no content policy in the way of decoding the screenshots).
        var blank = await page.Context.Browser!.NewPageAsync();
        try
        {
            var glyphs = Read(await blank.EvaluateAsync<string>(BitmapsScript, new { png = Convert.ToBase64String(png), boxesJson = boxes }));
            var missing = Read(await blank.EvaluateAsync<string>(BitmapsScript, new { png = Convert.ToBase64String(referencePng), boxesJson = referenceBoxes }));
            return new GlyphReport(glyphs, missing[0]);
        }
        finally
        {
            await blank.CloseAsync();
        }
    }

    private static List<Glyph> Read(string json)
    {
        var glyphs = JsonSerializer.Deserialize<List<Glyph>>(json, JsonSerializerOptions.Web)!;
        // A measurement that found nothing must fail loudly, never pass as "all alike" or "all different".
        if (glyphs.Count == 0 || glyphs.Any(g => g.Width <= 0 || g.Bitmap.Length != 144 || g.Ch.Length == 0))
        {
            throw new InvalidOperationException($"The glyphs could not be measured: {json}");
        }

        return glyphs;
    }
}
