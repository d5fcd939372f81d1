using Microsoft.Extensions.Options;
using SampleMind.Api;

try
{
    // Configuration is read once at start (nothing here reloads options): a reload watcher on the content
    // root would also wake on every write under ./data. A later --hostBuilder:reloadConfigOnChange=true wins.
    var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
    builder.AddSampleMindApi();

    var app = builder.Build();
    app.MapSampleMindApi();
    app.Run();
    return 0;
}
catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or ArgumentException or FormatException
                          && e is not HostAbortedException)
{
    // A bad setting (or one the binder cannot convert): the reason in a line or a few, exit code 1, where the
    // exception left the process as an abort (exit 134) with its stack trace printed twice.
    Console.Error.WriteLine($"SampleMind did not start: {StartFailure.Describe(e)}");
    return 1;
}

/// <summary>The API host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
