namespace Gpos.TerminalClient.Cli;

/// <summary>
/// The command line: a command, optional positional words (a sub-command such as <c>card sale</c>, or an argument such
/// as a txid), and <c>--name value</c> (or <c>--name=value</c>) options. Small by design: System.CommandLine is not
/// among the project's packages, and a handful of commands do not need it.
/// </summary>
internal sealed class ArgumentList
{
    private readonly Dictionary<string, string> _options;

    private ArgumentList(string command, Dictionary<string, string> options, bool help, IReadOnlyList<string> positionals)
    {
        Command = command;
        _options = options;
        Help = help;
        Positionals = positionals;
    }

    /// <summary>Words after the command that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    public string Command { get; }

    public bool Help { get; }

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are malformed.</summary>
    public static ArgumentList? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            return new ArgumentList("", [], help: true, []);
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = false;
        var positionals = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            if (arg.Length == 2)
            {
                error = $"unexpected argument '{arg}'";
                return null;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name, value;
            if (equals > 0)
            {
                (name, value) = (arg[2..equals], arg[(equals + 1)..]);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                (name, value) = (arg[2..], args[++i]);
            }
            else
            {
                error = $"option '{arg}' needs a value";
                return null;
            }

            if (!options.TryAdd(name, value))
            {
                error = $"option '--{name}' given twice";
                return null;
            }
        }

        return new ArgumentList(args[0], options, help, positionals);
    }

    /// <summary>The option names given that <paramref name="allowed"/> does not contain.</summary>
    public IEnumerable<string> Unknown(IReadOnlyCollection<string> allowed) => _options.Keys.Where(k => !allowed.Contains(k));

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public bool TryGetUri(string name, out Uri? uri, out string? error)
    {
        error = null;
        uri = null;
        if (Get(name) is not { } value)
        {
            error = $"--{name} is required";
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"--{name} must be an https:// address, not '{value}'";
            return false;
        }

        return true;
    }
}
