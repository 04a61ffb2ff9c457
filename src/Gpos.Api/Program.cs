using Gpos.Api;
using Gpos.Api.Hosting;

var timeline = StartupTimeline.Begin(TimeProvider.System);
var app = GposApi.Build(args);
timeline.Built();
await app.PrepareAsync();
timeline.Prepared();
app.Lifetime.ApplicationStarted.Register(() => timeline.Listening(app.Services));
await app.RunAsync();

/// <summary>Entry point; public so integration tests can reference the host assembly.</summary>
public partial class Program;
