using System.Collections.Specialized;
using Microsoft.Extensions.Logging;
using Quartz.Impl;
using Quartz.Spi;
using Quartz.Util;

namespace SampleMind.Runtime.Reminders;

/// <summary>
/// Quartz's standard factory with a scheduler repository and a connection manager of its own
/// instead of the process-wide ones: silos of one cluster share a scheduler name, and several may
/// run in one process (tests, the local cluster), so the global repository would hand every one
/// of them the first silo's scheduler, and the global connection manager its data source.
/// </summary>
internal sealed class ReminderSchedulerFactory(NameValueCollection properties, ILoggerFactory loggerFactory) : StdSchedulerFactory(properties)
{
    private readonly SchedulerRepository _repository = new();
    private readonly DBConnectionManager _connections = new(loggerFactory);

    protected override ISchedulerRepository GetSchedulerRepository() => _repository;

    protected override IDbConnectionManager GetDBConnectionManager() => _connections;
}
