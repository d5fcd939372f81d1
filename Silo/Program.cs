using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Hosting;

// A silo without the HTTP front door (cpu role by default): it activates grains and runs work items.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSampleMindGrains(builder.Configuration);
builder.Build().Run();
