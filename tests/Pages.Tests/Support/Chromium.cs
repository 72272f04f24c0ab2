using System.Diagnostics;
using Microsoft.Playwright;

namespace Ledger.Pages.Tests.Support;

/// <summary>
/// Debian's Chromium, driven by Playwright. Playwright's own browser download is never used (it cannot be fetched
/// here): a machine without Chromium or the CJK fonts fails these tests with the command that fixes it.
/// </summary>
public static class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The fix for a machine that lacks the browser or the fonts.</summary>
    public const string InstallCommand = "apt-get install -y chromium fonts-noto-cjk";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Launches headless Chromium, after checking that it and a Chinese font are installed.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright, IDictionary<string, string>? environment = null)
    {
        EnsureInstalled();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Args = Args,
            Headless = true,
            Env = environment,
        });
    }

    /// <summary>Fails (never skips) when the Debian packages <c>chromium</c> or <c>fonts-noto-cjk</c> are missing.</summary>
    /// <param name="executablePath">Where the browser should be; other than the default only to test this check.</param>
    public static void EnsureInstalled(string executablePath = ExecutablePath)
    {
        if (!File.Exists(executablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {executablePath}, which is missing. Install the Debian packages " +
                $"'chromium' and 'fonts-noto-cjk': {InstallCommand}");
        }

        if (!HasNotoSansCjk())
        {
            throw new InvalidOperationException(
                "The browser tests need a Chinese font, or Chinese text renders as empty boxes: the Debian package " +
                $"'fonts-noto-cjk' is missing (fc-list knows no 'Noto Sans CJK'). Install 'chromium' and 'fonts-noto-cjk': {InstallCommand}");
        }
    }

    private static bool HasNotoSansCjk()
    {
        try
        {
            using var fcList = Process.Start(new ProcessStartInfo("fc-list", ":lang=zh-cn family")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            var families = fcList.StandardOutput.ReadToEnd();
            fcList.WaitForExit();
            return families.Contains("Noto Sans CJK", StringComparison.OrdinalIgnoreCase);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no fontconfig at all: certainly no CJK font for Chromium either
        }
    }
}
