using Gpos.Testing;
using Microsoft.Playwright;

namespace Gpos.IntegrationTests.Foundation;

/// <summary>
/// What ops staff do (issue 2, "Done when"): open Swagger UI in a real headless Chromium on the bootstrap port,
/// authorize with the ops token, and execute an ops call that succeeds.
/// </summary>
public sealed class SwaggerUiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task SwaggerUi_AuthorizeAsOps_ExecutesAnOpsCall()
    {
        var executable = await Chromium.EnsureInstalledAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Chromium.HeadlessArgs,
        });
        // The browser does not trust the development root; the test is about Swagger UI, not the trust store.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Host.BootstrapBase, "/swagger/index.html").ToString());
        await page.ClickAsync("button.authorize");
        await page.FillAsync(".modal-ux input", TestPki.Pki.OpsToken);
        await page.ClickAsync(".modal-ux .auth-btn-wrapper button.authorize");
        await page.ClickAsync(".modal-ux button.btn-done");

        var operation = page.Locator("[id$='GetInstanceStatus']");
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        await operation.Locator("button.execute").ClickAsync();
        var status = operation.Locator(".live-responses-table tbody .response-col_status").First;
        await status.WaitForAsync();

        Assert.Equal("200", (await status.InnerTextAsync()).Trim());
        var body = await operation.Locator(".live-responses-table tbody .response-col_description pre").First.InnerTextAsync();
        Assert.Contains("urn:gpos:ops:bearer", body, StringComparison.Ordinal);
    }
}
