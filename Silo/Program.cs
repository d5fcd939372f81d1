using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Hosting;
using SampleMind.Grains.Telemetry;

// A silo without the HTTP front door (cpu role by default): it activates grains and runs work items.
// Configuration is read once at start: a reload watcher on the content root would wake on every write under ./data.
var builder = Host.CreateApplicationBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
builder.Services.AddSampleMindGrains(builder.Configuration);
builder.Services.AddSampleMindTelemetry(builder.Configuration, "samplemind-silo");
var host = builder.Build();
DataDirectoryLock dataDirectory;
try
{
    dataDirectory = DataDirectoryLock.Acquire(host.Services.GetRequiredService<SiloStorageLayout>());
}
catch (InvalidOperationException e)
{
    // Another silo process holds the folder: said in a line, exit code 1, as the API host says it.
    Console.Error.WriteLine($"SampleMind did not start: {e.Message}");
    return 1;
}

using (dataDirectory)
{
    host.Run();
}

return 0;
