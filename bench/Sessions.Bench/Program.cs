using System.Diagnostics;
using System.Globalization;
using SampleMind.Api;
using SampleMind.Sessions.Bench;

// Broadcast latency of a live session on loopback: the real API host on Kestrel, N WebSocket
// clients in one session, ops at a fixed aggregate rate, one at a time per client.
// Usage: dotnet run -c Release --project bench/Sessions.Bench -- [clients=50] [opsPerSecond=50] [seconds=20]
var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var rate = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 20;

var root = Directory.CreateTempSubdirectory("samplemind-sessions-bench-").FullName;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration["Silo:DataDirectory"] = Path.Combine(root, "data");
builder.Configuration["Api:AdminKeyFile"] = Path.Combine(root, "data", "admin.key");
builder.Configuration["Api:UploadDirectory"] = Path.Combine(root, "data", "uploads");
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.AddSampleMindApi();
var app = builder.Build();
app.MapSampleMindApi();
await app.StartAsync();
try
{
    var address = new Uri(app.Urls.First());
    var run = new LatencyRun(address, File.ReadAllText(Path.Combine(root, "data", "admin.key")).Trim());
    var stopwatch = Stopwatch.StartNew();
    var result = await run.RunAsync(clients, rate, TimeSpan.FromSeconds(seconds));
    Console.WriteLine(result.Describe(clients, rate, stopwatch.Elapsed));
}
finally
{
    await app.StopAsync();
    Directory.Delete(root, recursive: true);
}
