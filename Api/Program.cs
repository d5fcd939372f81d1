using SampleMind.Api;

// Configuration is read once at start (nothing here reloads options): a reload watcher on the content
// root would also wake on every write under ./data. A later --hostBuilder:reloadConfigOnChange=true wins.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
builder.AddSampleMindApi();

var app = builder.Build();
app.MapSampleMindApi();
app.Run();

/// <summary>The API host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
