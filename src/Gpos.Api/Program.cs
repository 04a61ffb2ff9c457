using Gpos.Api;

var app = GposApi.Build(args);
await app.PrepareAsync();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can reference the host assembly.</summary>
public partial class Program;
