using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Hosting;
using SampleMind.Grains.Telemetry;

// A silo without the HTTP front door (cpu role by default): it activates grains and runs work items.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSampleMindGrains(builder.Configuration);
builder.Services.AddSampleMindTelemetry(builder.Configuration, "samplemind-silo");
builder.Build().Run();
