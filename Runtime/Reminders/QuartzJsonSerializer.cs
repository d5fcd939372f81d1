using System.Text.Json;
using Quartz;
using Quartz.Spi;
using SampleMind.Runtime.Serialization;

namespace SampleMind.Runtime.Reminders;

/// <summary>
/// Quartz's <see cref="IObjectSerializer"/> over System.Text.Json (BinaryFormatter is gone): job
/// data maps hold strings only and are stored as a JSON object of strings.
/// </summary>
public sealed class QuartzJsonSerializer : IObjectSerializer
{
    public void Initialize()
    {
    }

    public byte[] Serialize<T>(T obj) where T : class
    {
        if (obj is not JobDataMap map)
        {
            throw new NotSupportedException($"Only job data maps of strings are stored; got {typeof(T).Name}.");
        }

        var strings = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            strings[key] = value as string ?? throw new NotSupportedException($"Job data '{key}' is not a string.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(strings, RuntimeJsonContext.Default.DictionaryStringString);
    }

    public T? DeSerialize<T>(byte[] data) where T : class
    {
        if (!typeof(T).IsAssignableFrom(typeof(JobDataMap)))
        {
            throw new NotSupportedException($"Only job data maps of strings are stored; asked for {typeof(T).Name}.");
        }

        var strings = JsonSerializer.Deserialize(data, RuntimeJsonContext.Default.DictionaryStringString) ?? [];
        var map = new JobDataMap();
        foreach (var (key, value) in strings)
        {
            map[key] = value;
        }

        return map as T;
    }
}
