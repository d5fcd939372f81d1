using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SampleMind.Search.Index.Internal;

namespace SampleMind.Search.Index;

/// <summary>
/// Hierarchical Navigable Small World graph (Malkov and Yashunin, 2016) over float32 vectors.
/// </summary>
/// <remarks>
/// <para>Memory layout: one contiguous <c>float[]</c> of vectors (slot × dimensions), one contiguous <c>int[]</c> of
/// layer-0 neighbour lists (slot × (2M + 1), the first int of each list is its length), and an <c>int[]</c> per node
/// only for the few nodes (about 1 in M) that reach the upper layers. 1M vectors of dimension 64 with short string ids take about 600 MB of managed heap (measured 597 MiB).</para>
/// <para>Thread-safety: any number of concurrent searches, one writer at a time, through a
/// <see cref="ReaderWriterLockSlim"/> (writes wait for searches in flight and block new ones).
/// <see cref="AddRange"/> inserts on several threads inside the write lock, with striped locks per node.</para>
/// <para>No graph is kept while the index holds no more than <see cref="HnswOptions.ExactSearchThreshold"/> slots, since
/// every search of such an index is an exact scan: vectors are stored, and linked all at once (on several threads) when
/// the index outgrows the threshold. From then on upserted vectors wait, scored by an exact scan that each graph search
/// adds, until <see cref="HnswOptions.LinkBatch"/> have gathered, and are then linked together on several threads (and
/// before a save). A library of a few hundred samples thus never pays for a graph it would not search, and a writer's
/// insert into a large one is a copy, the linking done in parallel batches.</para>
/// <para>Deletes are tombstones: deleted vectors still route searches but are never returned;
/// <see cref="Compact"/> rebuilds the graph without them.</para>
/// </remarks>
public sealed partial class HnswIndex : IVectorIndex, IDisposable
{
    private const int StripeCount = 4096;
    private const int MaxLevel = 15;

    private readonly HnswOptions _options;
    private readonly int _dims;
    private readonly VectorMetric _metric;
    private readonly int _m;
    private readonly int _m0;
    private readonly double _levelMultiplier;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock[] _stripes;
    private readonly Lock _entryLock = new();
    private readonly ConcurrentBag<SearchScratch> _scratch = [];
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private Random _random;
    private float[] _vectors;
    private int[] _links0;
    private int[]?[] _upper;
    private byte[] _levels;
    private byte[] _deleted;
    private string?[] _ids;
    private int _capacity;
    private int _count;
    private int _live;
    private int _entry = -1;

    /// <summary>Slots below this are linked into the graph; the rest wait (see <see cref="LinkPending"/>).</summary>
    private int _linkedCount;
    private int _maxLevel = -1;

    /// <summary>Creates an empty index.</summary>
    /// <param name="dimensions">The dimension of every vector (e.g. 64 for the audio embedding).</param>
    /// <param name="metric">How distances are measured.</param>
    /// <param name="options">Graph parameters; <see cref="HnswOptions"/> defaults when null.</param>
    public HnswIndex(int dimensions, VectorMetric metric = VectorMetric.Cosine, HnswOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _options = options ?? new HnswOptions();
        _options.Validate();
        _dims = dimensions;
        _metric = metric;
        _m = _options.M;
        _m0 = 2 * _options.M;
        _levelMultiplier = 1.0 / Math.Log(_m);
        _random = new Random(_options.Seed);
        _stripes = new Lock[StripeCount];
        for (var i = 0; i < StripeCount; i++)
        {
            _stripes[i] = new Lock();
        }

        _capacity = _options.InitialCapacity;
        _vectors = new float[(long)_capacity * _dims];
        _links0 = new int[(long)_capacity * (_m0 + 1)];
        _upper = new int[_capacity][];
        _levels = new byte[_capacity];
        _deleted = new byte[_capacity];
        _ids = new string[_capacity];
    }

    /// <inheritdoc />
    public int Dimensions => _dims;

    /// <inheritdoc />
    public VectorMetric Metric => _metric;

    /// <summary>The parameters the index was built with.</summary>
    public HnswOptions Options => _options;

    /// <inheritdoc />
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _live;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Slots in use, deleted ones included: the exclusive upper bound of slot numbers.</summary>
    public int SlotCount => Volatile.Read(ref _count);

    /// <summary>The number of deleted vectors still held as tombstones.</summary>
    public int DeletedCount => SlotCount - Count;

    /// <inheritdoc />
    public void Upsert(string id, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(id);
        CheckDimensions(vector.Length);
        _lock.EnterWriteLock();
        try
        {
            Allocate(id, vector);
            LinkPending();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds a vector under a numeric sample id (its invariant decimal string).</summary>
    public void Upsert(long id, ReadOnlySpan<float> vector) =>
        Upsert(id.ToString(System.Globalization.CultureInfo.InvariantCulture), vector);

    /// <inheritdoc />
    public bool Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterWriteLock();
        try
        {
            if (!_slots.Remove(id, out var slot))
            {
                return false;
            }

            _deleted[slot] = 1;
            _live--;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public bool Contains(string id)
    {
        _lock.EnterReadLock();
        try
        {
            return _slots.ContainsKey(id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The slot of the live vector stored under <paramref name="id"/>, or -1.</summary>
    public int SlotOf(string id)
    {
        _lock.EnterReadLock();
        try
        {
            return _slots.TryGetValue(id, out var slot) ? slot : -1;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The external id stored in <paramref name="slot"/> (also for tombstones), or null.</summary>
    public string? IdOf(int slot) => (uint)slot < (uint)SlotCount ? _ids[slot] : null;

    /// <summary>Copies the stored vector of <paramref name="id"/> (normalised under cosine); false when absent.</summary>
    public bool TryGetVector(string id, Span<float> destination)
    {
        CheckDimensions(destination.Length);
        _lock.EnterReadLock();
        try
        {
            if (!_slots.TryGetValue(id, out var slot))
            {
                return false;
            }

            VectorOf(slot).CopyTo(destination);
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private ReadOnlySpan<float> VectorOf(int node) => new(_vectors, node * _dims, _dims);

    /// <summary>
    /// The internal distance from a query of <see cref="Dimensions"/> floats to a stored node: <c>1 - dot</c> under
    /// cosine, the squared Euclidean distance under L2 (same order, no square root in the hot loop; see
    /// <see cref="PublicDistance"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Distance(ReadOnlySpan<float> query, int node)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        return _metric == VectorMetric.Cosine
            ? 1f - VectorKernels.Dot(ref q, ref Row(node), _dims)
            : VectorKernels.SquaredL2(ref q, ref Row(node), _dims);
    }

    private float Distance(int a, int b) => Distance(VectorOf(a), b);

    /// <summary>The distance reported in a <see cref="VectorHit"/> for an internal one.</summary>
    private float PublicDistance(float internalDistance) =>
        _metric == VectorMetric.L2 ? MathF.Sqrt(internalDistance) : internalDistance;

    /// <summary>The first float of a node's vector, without a bounds check (callers pass slots below the count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref float Row(int node) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_vectors), (nint)node * _dims);

    private Span<int> Links(int node, int level) => level == 0
        ? _links0.AsSpan(node * (_m0 + 1), _m0 + 1)
        : _upper[node].AsSpan((level - 1) * (_m + 1), _m + 1);

    private void CheckDimensions(int length)
    {
        if (length != _dims)
        {
            throw new ArgumentException($"Expected a vector of dimension {_dims}, got {length}.", nameof(length));
        }
    }

    private SearchScratch RentScratch() => _scratch.TryTake(out var s) ? s : new SearchScratch(_m0);

    /// <summary>Takes a slot for a new vector (tombstoning the id's previous one); write lock held.</summary>
    private int Allocate(string id, ReadOnlySpan<float> vector)
    {
        if (_slots.TryGetValue(id, out var old))
        {
            _deleted[old] = 1;
            _live--;
        }

        EnsureCapacity(_count + 1);
        var slot = _count;
        var target = _vectors.AsSpan(slot * _dims, _dims);
        vector.CopyTo(target);
        if (_metric == VectorMetric.Cosine)
        {
            Normalise(target);
        }

        var level = Math.Min(MaxLevel, (int)(-Math.Log(1.0 - _random.NextDouble()) * _levelMultiplier));
        _levels[slot] = (byte)level;
        _upper[slot] = level > 0 ? new int[level * (_m + 1)] : null;
        _links0[slot * (_m0 + 1)] = 0;
        _deleted[slot] = 0;
        _ids[slot] = id;
        _slots[id] = slot;
        _live++;
        Volatile.Write(ref _count, slot + 1);
        return slot;
    }

    private static void Normalise(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _capacity)
        {
            return;
        }

        var capacity = (int)Math.Min(Math.Max(needed, (long)_capacity * 2), Array.MaxLength / (_m0 + 1));
        if (capacity < needed || (long)capacity * _dims > Array.MaxLength)
        {
            throw new InvalidOperationException($"The index cannot hold {needed} vectors of dimension {_dims}.");
        }

        Array.Resize(ref _vectors, capacity * _dims);
        Array.Resize(ref _links0, capacity * (_m0 + 1));
        Array.Resize(ref _upper, capacity);
        Array.Resize(ref _levels, capacity);
        Array.Resize(ref _deleted, capacity);
        Array.Resize(ref _ids, capacity);
        _capacity = capacity;
    }
}
