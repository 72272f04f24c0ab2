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
          return boxes;
        }
        """;

    // Runs on about:blank (no page CSP): decodes the screenshots and reduces each glyph box to a 12x12 ink bitmap,
    // ink being any pixel far from the element's background (the most common colour), whatever the colours are.
    private const string BitmapsScript = """
        async ({ png, boxes }) => {
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
          const ink = (x, y) => {
            const i = (y * canvas.width + x) * 4;
            return Math.abs(data[i] - br) + Math.abs(data[i + 1] - bg2) + Math.abs(data[i + 2] - bb) > 160;
          };
          const grid = 12;
          return boxes.map(b => {
            const x0 = Math.max(0, Math.round(b.x)), y0 = Math.max(0, Math.round(b.y));
            const x1 = Math.min(canvas.width, Math.round(b.x + b.w)), y1 = Math.min(canvas.height, Math.round(b.y + b.h));
            let inkPixels = 0;
            const cells = new Array(grid * grid).fill(0), sizes = new Array(grid * grid).fill(0);
            for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
              const cell = Math.min(grid - 1, Math.floor((y - y0) * grid / (y1 - y0))) * grid
                + Math.min(grid - 1, Math.floor((x - x0) * grid / (x1 - x0)));
              sizes[cell]++;
              if (ink(x, y)) { inkPixels++; cells[cell]++; }
            }
            const bitmap = cells.map((n, i) => sizes[i] > 0 && n / sizes[i] > 0.12 ? '1' : '0').join('');
            return { ch: b.ch, width: b.w, inkPixels, bitmap };
          });
        }
        """;

    /// <summary>
    /// Screenshots <paramref name="element"/> (saved to <paramref name="screenshotPath"/> for a person to look at)
    /// and the same element showing <see cref="MissingGlyph"/>, and reports each character's ink and likeness.
    /// </summary>
    public static async Task<GlyphReport> InspectAsync(ILocator element, string screenshotPath)
    {
        var page = element.Page;
        var boxes = await element.EvaluateAsync<GlyphBox[]>(GlyphBoxesScript);
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
        var referenceBoxes = await reference.EvaluateAsync<GlyphBox[]>(GlyphBoxesScript);
        var referencePng = await reference.ScreenshotAsync();
        await reference.EvaluateAsync("copy => copy.remove()");

        // A page of its own (no content policy in the way of decoding the screenshots).
        var blank = await page.Context.Browser!.NewPageAsync();
        try
        {
            var glyphs = await blank.EvaluateAsync<Glyph[]>(BitmapsScript, new { png = Convert.ToBase64String(png), boxes });
            var missing = await blank.EvaluateAsync<Glyph[]>(BitmapsScript, new { png = Convert.ToBase64String(referencePng), boxes = referenceBoxes });
            return new GlyphReport(glyphs, missing[0]);
        }
        finally
        {
            await blank.CloseAsync();
        }
    }

    /// <summary>A character's box in the element, in CSS pixels from the element's top left.</summary>
    public sealed class GlyphBox
    {
        public string Ch { get; init; } = "";
        public double X { get; init; }
        public double Y { get; init; }
        public double W { get; init; }
        public double H { get; init; }
    }
}

/// <summary>One character as drawn: its width, how many pixels carry ink, and its 12x12 ink bitmap.</summary>
public sealed class Glyph
{
    /// <summary>The character.</summary>
    public string Ch { get; init; } = "";

    /// <summary>Its advance width in CSS pixels.</summary>
    public double Width { get; init; }

    /// <summary>Pixels of its box far from the background colour.</summary>
    public int InkPixels { get; init; }

    /// <summary>144 characters, '1' where a cell of its box carries ink.</summary>
    public string Bitmap { get; init; } = "";

    /// <summary>The share of the 144 cells where the two bitmaps differ.</summary>
    public double DifferenceFrom(Glyph other) =>
        Bitmap.Zip(other.Bitmap).Count(pair => pair.First != pair.Second) / (double)Bitmap.Length;
}

/// <summary>The characters of an element and the missing-glyph box drawn in the same style.</summary>
public sealed record GlyphReport(IReadOnlyList<Glyph> Glyphs, Glyph MissingGlyphBox)
{
    /// <summary>How many glyphs look different from each other (tofu boxes all look the same).</summary>
    public int DistinctShapes => Glyphs.Select(g => g.Bitmap).Distinct().Count();

    /// <summary>Glyphs that look like the missing-glyph box (fewer than 10% of cells differ).</summary>
    public IReadOnlyList<Glyph> LikeMissingGlyph => Glyphs.Where(g => g.DifferenceFrom(MissingGlyphBox) < 0.10).ToList();

    /// <summary>Glyphs drawn as real characters: ink everywhere, unlike the box, unlike the others.</summary>
    public bool AllDrawn => Glyphs.Count > 0
        && LikeMissingGlyph.Count == 0
        && DistinctShapes == Glyphs.Select(g => g.Ch).Distinct().Count()
        && Glyphs.All(g => g.InkPixels > 0);

    /// <summary>A line per glyph, for failure messages.</summary>
    public override string ToString() => string.Join("; ", Glyphs.Select(g =>
        $"{g.Ch}: width {g.Width:0.#}px, ink {g.InkPixels}px, {g.DifferenceFrom(MissingGlyphBox):P0} unlike the box"));
}
