using Microsoft.AspNetCore.Http.Headers;

namespace Ledger.Api.Statements;

/// <summary>The languages a printable statement speaks: Chinese first, English on request.</summary>
public enum StatementLanguage
{
    /// <summary>简体中文, the default.</summary>
    Chinese,

    /// <summary>English.</summary>
    English,
}

/// <summary>Chooses the statement's language from <c>?lang=</c>, else <c>Accept-Language</c>, else Chinese.</summary>
public static class StatementLanguages
{
    /// <summary>The message for a <c>lang</c> the statement does not speak.</summary>
    public const string Unsupported = "'lang' must be 'zh' (简体中文) or 'en' (English).";

    /// <summary>
    /// The language asked for. An explicit <paramref name="lang"/> must be Chinese or English (null when it is neither);
    /// <c>Accept-Language</c> is only a preference, so the best-weighted language spoken wins and anything else is Chinese.
    /// </summary>
    public static StatementLanguage? Choose(string? lang, RequestHeaders headers)
    {
        if (!string.IsNullOrEmpty(lang))
        {
            return Match(lang);
        }

        var preferred = headers.AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Match(l.Value.Value ?? ""))
            .FirstOrDefault(l => l is not null);
        return preferred ?? StatementLanguage.Chinese;
    }

    /// <summary>The value of the HTML <c>lang</c> attribute.</summary>
    public static string HtmlTag(this StatementLanguage language) => language == StatementLanguage.English ? "en" : "zh-CN";

    private static StatementLanguage? Match(string tag) =>
        tag.Equals("zh", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh-", StringComparison.OrdinalIgnoreCase)
            ? StatementLanguage.Chinese
            : tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase)
                ? StatementLanguage.English
                : null;
}
