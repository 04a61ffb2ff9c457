using System.Text.Json;

namespace Gpos.Testing;

/// <summary>Waits for a GPOS instance's link to the card host simulator (connected and signed on), via its ops endpoint.</summary>
public static class CardHostLink
{
    public static async Task WaitUntilUpAsync(Uri bootstrapBase, TimeSpan? timeout = null)
    {
        using var ops = TestHttp.Ops(bootstrapBase);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await ops.GetAsync(new Uri("/ops/v1/cards/link", UriKind.Relative));
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var link = JsonDocument.Parse(last).RootElement;
                if (link.GetProperty("connected").GetBoolean() && link.GetProperty("signedOn").GetBoolean())
                {
                    return;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The card host link of {bootstrapBase} did not come up; last state: {last}");
    }
}
