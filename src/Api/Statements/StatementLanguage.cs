namespace Ledger.Api.Statements;

/// <summary>The languages a printable statement speaks: Chinese first, English on request.</summary>
public enum StatementLanguage
{
    /// <summary>简体中文, the default.</summary>
    Chinese,

    /// <summary>English.</summary>
    English,
}

/// <summary>
/// Chooses the statement's language from <c>?lang=</c>, else Chinese: a printed statement is Chinese whatever the
/// browser's language (a clerk's English browser still prints a resident's statement in Chinese).
/// </summary>
public static class StatementLanguages
{
    /// <summary>The message for a <c>lang</c> the statement does not speak.</summary>
    public const string Unsupported = "'lang' must be 'zh' (简体中文) or 'en' (English).";

    /// <summary>The language asked for: Chinese without <paramref name="lang"/>; null when it is neither Chinese nor English.</summary>
    public static StatementLanguage? Choose(string? lang) => string.IsNullOrEmpty(lang) ? StatementLanguage.Chinese : Match(lang);

    /// <summary>The value of the HTML <c>lang</c> attribute.</summary>
    public static string HtmlTag(this StatementLanguage language) => language == StatementLanguage.English ? "en" : "zh-CN";

    private static StatementLanguage? Match(string tag) =>
        tag.Equals("zh", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh-", StringComparison.OrdinalIgnoreCase)
            ? StatementLanguage.Chinese
            : tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase)
                ? StatementLanguage.English
                : null;
}
