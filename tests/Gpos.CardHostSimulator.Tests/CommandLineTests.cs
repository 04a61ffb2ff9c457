using System.Net;
using Gpos.CardHostSimulator.Hosting;

namespace Gpos.CardHostSimulator.Tests;

public sealed class CommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void TryParse_NoArguments_Defaults()
    {
        Assert.True(SimulatorCommandLine.TryParse([], NoEnvironment, out var options, out bool verbose, out var error));

        Assert.Null(error);
        Assert.False(verbose);
        Assert.Equal(7460, options.Port);
        Assert.Equal(7461, options.ControlPort);
        Assert.Equal(TimeSpan.FromSeconds(5), options.LateResponseDelay);
        Assert.Equal(IPAddress.Loopback, options.BindAddress);
    }

    [Fact]
    public void TryParse_ArgumentsOverEnvironment_ArgumentsWin()
    {
        var environment = new Dictionary<string, string>
        {
            ["GPOS_CARDHOST_PORT"] = "9000",
            ["GPOS_CARDHOST_CONTROL_PORT"] = "9001",
            ["GPOS_CARDHOST_LATE_DELAY_MS"] = "250",
        };

        Assert.True(SimulatorCommandLine.TryParse(["--port", "8000", "--late-delay-ms=1500", "--verbose"],
            environment.GetValueOrDefault, out var options, out bool verbose, out _));

        Assert.Equal(8000, options.Port);
        Assert.Equal(9001, options.ControlPort);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.LateResponseDelay);
        Assert.True(verbose);
    }

    [Theory]
    [InlineData("--port", "seventy")]
    [InlineData("--port", "70000")]
    [InlineData("--late-delay-ms", "-5")]
    [InlineData("--bind", "not-an-address")]
    [InlineData("--colour", "blue")]
    public void TryParse_BadValue_Error(string name, string value)
    {
        Assert.False(SimulatorCommandLine.TryParse([name, value], NoEnvironment, out _, out _, out var error));

        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_SamePorts_Error()
    {
        Assert.False(SimulatorCommandLine.TryParse(["--port", "7000", "--control-port", "7000"], NoEnvironment, out _, out _, out var error));

        Assert.Contains("differ", error, StringComparison.Ordinal);
    }
}
