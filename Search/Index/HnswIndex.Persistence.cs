using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Text;

namespace SampleMind.Search.Index;

public sealed partial class HnswIndex
{
    /// <summary>The current version of the binary format written by <see cref="Save(Stream)"/>.</summary>
    public const int FormatVersion = 1;

    private const int ChunkElements = 1 << 20;
    private static readonly byte[] s_magic = "SMHNSW\0\0"u8.ToArray();

    /// <summary>
    /// Writes the index, little-endian: magic <c>SMHNSW\0\0</c>, format version, dimensions, metric, M, efConstruction,
    /// efSearch, exact-search threshold, seed, slot count, live count, entry point, top level; then the vectors
    /// (slots × dimensions float32), levels (byte per slot), tombstones (byte per slot), layer-0 neighbour lists
    /// (slots × (2M + 1) int32), upper-layer lists (level × (M + 1) int32 for each slot above layer 0, in slot order),
    /// and the external ids (a presence byte then a length-prefixed UTF-8 string per slot).
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // Vectors waiting to be linked are linked first, so a file holds either no graph (a small index) or a whole one.
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_linkedCount > 0 && _linkedCount < _count)
            {
                _lock.EnterWriteLock();
                try
                {
                    LinkPending(all: true);
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }

            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            WriteHeader(writer);
            WriteArray(writer, _vectors.AsSpan(0, _count * _dims));
            writer.Write(_levels.AsSpan(0, _count));
            writer.Write(_deleted.AsSpan(0, _count));
            WriteArray(writer, _links0.AsSpan(0, _count * (_m0 + 1)));
            for (var slot = 0; slot < _count; slot++)
            {
                if (_upper[slot] is { } upper)
                {
                    WriteArray<int>(writer, upper);
                }
            }

            for (var slot = 0; slot < _count; slot++)
            {
                writer.Write(_ids[slot] is not null);
                writer.Write(_ids[slot] ?? string.Empty);
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    /// <summary>Writes the index to a file (see <see cref="Save(Stream)"/>).</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }

    /// <summary>Reads an index written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not an index of a supported version.</exception>
    public static HnswIndex Load(Stream stream, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The index format is little-endian.");
        }

        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        return ReadIndex(reader, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Reads an index file through a read-only memory mapping: the large arrays are copied straight from the mapped
    /// pages into the index's arrays, without intermediate buffers.
    /// </summary>
    public static HnswIndex LoadMapped(string path, int? maxDegreeOfParallelism = null)
    {
        using var mapped = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = mapped.CreateViewStream(0, 0, MemoryMappedFileAccess.Read);
        return Load(view, maxDegreeOfParallelism);
    }

    private void WriteHeader(BinaryWriter writer)
    {
        writer.Write(s_magic);
        writer.Write(FormatVersion);
        writer.Write(_dims);
        writer.Write((int)_metric);
        writer.Write(_m);
        writer.Write(_options.EfConstruction);
        writer.Write(_options.EfSearch);
        writer.Write(_options.ExactSearchThreshold);
        writer.Write(_options.Seed);
        writer.Write(_count);
        writer.Write(_live);
        writer.Write(_entry);
        writer.Write(_maxLevel);
    }

    private static HnswIndex ReadIndex(BinaryReader reader, int? maxDegreeOfParallelism)
    {
        Span<byte> magic = stackalloc byte[8];
        reader.BaseStream.ReadExactly(magic);
        if (!magic.SequenceEqual(s_magic))
        {
            throw new InvalidDataException("Not an HNSW index file (bad magic).");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported HNSW index format version {version} (expected {FormatVersion}).");
        }

        var dims = reader.ReadInt32();
        var metric = (VectorMetric)reader.ReadInt32();
        var options = new HnswOptions
        {
            M = reader.ReadInt32(),
            EfConstruction = reader.ReadInt32(),
            EfSearch = reader.ReadInt32(),
            ExactSearchThreshold = reader.ReadInt32(),
            Seed = reader.ReadInt32(),
            MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount,
        };
        var count = reader.ReadInt32();
        options = options with { InitialCapacity = Math.Max(1, count) };
        var index = new HnswIndex(dims, metric, options);
        index.ReadBody(reader, count);
        return index;
    }

    private void ReadBody(BinaryReader reader, int count)
    {
        _live = reader.ReadInt32();
        _entry = reader.ReadInt32();
        _maxLevel = reader.ReadInt32();
        _count = count;

        // A small index is saved without a graph (no entry point); a larger one with every slot linked.
        _linkedCount = _entry >= 0 ? count : 0;
        var stream = reader.BaseStream;
        ReadArray(stream, _vectors.AsSpan(0, count * _dims));
        stream.ReadExactly(_levels.AsSpan(0, count));
        stream.ReadExactly(_deleted.AsSpan(0, count));
        ReadArray(stream, _links0.AsSpan(0, count * (_m0 + 1)));
        for (var slot = 0; slot < count; slot++)
        {
            if (_levels[slot] > 0)
            {
                var upper = new int[_levels[slot] * (_m + 1)];
                ReadArray<int>(stream, upper);
                _upper[slot] = upper;
            }
        }

        for (var slot = 0; slot < count; slot++)
        {
            var present = reader.ReadBoolean();
            var id = reader.ReadString();
            if (present)
            {
                _ids[slot] = id;
                if (_deleted[slot] == 0)
                {
                    _slots[id] = slot;
                }
            }
        }
    }

    private static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        for (var i = 0; i < values.Length; i += ChunkElements)
        {
            writer.Write(MemoryMarshal.AsBytes(values.Slice(i, Math.Min(ChunkElements, values.Length - i))));
        }
    }

    private static void ReadArray<T>(Stream stream, Span<T> values)
        where T : unmanaged
    {
        for (var i = 0; i < values.Length; i += ChunkElements)
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(values.Slice(i, Math.Min(ChunkElements, values.Length - i))));
        }
    }
}
