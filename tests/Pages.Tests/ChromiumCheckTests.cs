using Ledger.Pages.Tests.Support;

namespace Ledger.Pages.Tests;

/// <summary>A machine without the browser fails the browser tests with the fix in the message; it never skips them.</summary>
public sealed class ChromiumCheckTests
{
    [Fact]
    public void A_missing_Chromium_fails_with_the_Debian_packages_to_install()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Chromium.EnsureInstalled("/nowhere/chromium"));

        Assert.Contains("'chromium'", failure.Message);
        Assert.Contains("'fonts-noto-cjk'", failure.Message);
        Assert.Contains("apt-get install -y chromium fonts-noto-cjk", failure.Message);
    }

    [Fact]
    public void This_machine_has_Chromium_and_a_Chinese_font() => Chromium.EnsureInstalled();
}
