namespace Ledger.Pages.Tests.Support;

/// <summary>One character as drawn.</summary>
/// <param name="Ch">The character.</param>
/// <param name="Width">Its advance width in CSS pixels.</param>
/// <param name="InkPixels">Pixels of its box far from the background colour.</param>
/// <param name="Bitmap">144 characters, '1' where a cell of its 12x12 grid carries ink.</param>
public sealed record Glyph(string Ch, double Width, int InkPixels, string Bitmap)
{
    private const int Grid = 12;

    /// <summary>
    /// The share of cells where the two bitmaps differ, at the best of a one-cell shift either way: glyphs start at
    /// fractional pixels, so the same shape can land a cell apart.
    /// </summary>
    public double DifferenceFrom(Glyph other)
    {
        var best = 1.0;
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var differing = 0;
                for (var y = 0; y < Grid; y++)
                {
                    for (var x = 0; x < Grid; x++)
                    {
                        var (ox, oy) = (x + dx, y + dy);
                        var theirs = ox is >= 0 and < Grid && oy is >= 0 and < Grid ? other.Bitmap[oy * Grid + ox] : '0';
                        differing += Bitmap[y * Grid + x] == theirs ? 0 : 1;
                    }
                }

                best = Math.Min(best, differing / (double)(Grid * Grid));
            }
        }

        return best;
    }

    /// <summary>True when the two are the same shape (fewer than 8% of cells differ).</summary>
    public bool LooksLike(Glyph other) => DifferenceFrom(other) < 0.08;

    /// <summary>
    /// True when this glyph is drawn as <paramref name="box"/>, the missing-glyph box: as wide, and about its shape
    /// (a box's one-pixel edges blur differently at each fractional offset, so the shape check is lenient).
    /// </summary>
    public bool IsDrawnAs(Glyph box) => Math.Abs(Width - box.Width) < 1 && DifferenceFrom(box) < 0.35;
}

/// <summary>The characters of an element and the missing-glyph box drawn in the same style.</summary>
public sealed record GlyphReport(IReadOnlyList<Glyph> Glyphs, Glyph MissingGlyphBox)
{
    /// <summary>How many different shapes the glyphs have (tofu boxes all have the same one).</summary>
    public int DistinctShapes => Glyphs.Where((g, i) => !Glyphs.Take(i).Any(g.LooksLike)).Count();

    /// <summary>Glyphs drawn as the missing-glyph box.</summary>
    public IReadOnlyList<Glyph> LikeMissingGlyph => Glyphs.Where(g => g.IsDrawnAs(MissingGlyphBox)).ToList();

    /// <summary>Glyphs drawn as real characters: with ink, unlike the box, and as many shapes as characters.</summary>
    public bool AllDrawn => LikeMissingGlyph.Count == 0
        && DistinctShapes == Glyphs.Select(g => g.Ch).Distinct().Count()
        && Glyphs.All(g => g.InkPixels > 0);

    /// <summary>A line per glyph, for failure messages.</summary>
    public override string ToString() => $"box width {MissingGlyphBox.Width:0.#}px; " + string.Join("; ", Glyphs.Select(g =>
        $"{g.Ch}: width {g.Width:0.#}px, ink {g.InkPixels}px, {g.DifferenceFrom(MissingGlyphBox):P0} unlike the box"));
}
