using BenchmarkDotNet.Running;

namespace Gpos.Iso8583.Benchmarks;

internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
