using System.Buffers;
using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>
/// A BSON document: an ordered list of named values. Lookups by name find the first element of that name;
/// documents read from BSON or JSON keep duplicate names as they came, while <see cref="Add(string, BsonValue)"/>
/// refuses a name already present.
/// </summary>
internal sealed class BsonDocument : BsonValue, IEnumerable<BsonElement>, IEquatable<BsonDocument>
{
    // Small documents are searched linearly; larger ones get a name index on first lookup.
    private const int IndexThreshold = 8;

    private readonly List<BsonElement> _elements;
    private Dictionary<string, int>? _index;

    public BsonDocument() => _elements = [];

    public BsonDocument(int capacity) => _elements = new List<BsonElement>(capacity);

    /// <summary>A document with one element.</summary>
    public BsonDocument(string name, BsonValue? value)
        : this()
    {
        Add(name, value);
    }

    public BsonDocument(IEnumerable<BsonElement> elements)
        : this()
    {
        ArgumentNullException.ThrowIfNull(elements);
        foreach (var element in elements)
        {
            Add(element.Name, element.Value);
        }
    }

    public override BsonType BsonType => BsonType.Document;

    /// <summary>The number of elements.</summary>
    public int ElementCount => _elements.Count;

    /// <summary>The element names, in order.</summary>
    public IEnumerable<string> Names
    {
        get
        {
            foreach (var element in _elements)
            {
                yield return element.Name;
            }
        }
    }

    /// <summary>The element values, in order.</summary>
    public IEnumerable<BsonValue> Values
    {
        get
        {
            foreach (var element in _elements)
            {
                yield return element.Value;
            }
        }
    }

    /// <summary>Gets the value of the first element named <paramref name="name"/>, or sets it (replacing that element in place or appending).</summary>
    /// <exception cref="KeyNotFoundException">On get, no element has that name.</exception>
    public override BsonValue this[string name]
    {
        get => TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The document has no element named '{name}'.");
        set => Set(name, value);
    }

    /// <summary>The value of the element at <paramref name="index"/>.</summary>
    public override BsonValue this[int index]
    {
        get => _elements[index].Value;
        set => _elements[index] = new BsonElement(_elements[index].Name, OrNull(value));
    }

    /// <summary>Parses a document from Extended JSON (canonical, relaxed, or the legacy forms the specification accepts).</summary>
    /// <exception cref="BsonFormatException">The text is not valid JSON or not a valid Extended JSON document.</exception>
    public static BsonDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ExtendedJson.ParseDocument(json);
    }

    /// <summary>Decodes exactly one BSON document from <paramref name="bytes"/>.</summary>
    /// <exception cref="BsonFormatException">The bytes are not exactly one valid document.</exception>
    public static BsonDocument FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new BsonReader(bytes);
        var document = BsonDom.ReadDocument(ref reader);
        if (reader.Remaining != 0)
        {
            throw new BsonFormatException($"Invalid BSON at offset {reader.Position}: {reader.Remaining} bytes follow the end of the document.") { Offset = reader.Position };
        }

        return document;
    }

    /// <summary>Decodes one document from the reader's current position.</summary>
    public static BsonDocument ReadFrom(ref BsonReader reader) => BsonDom.ReadDocument(ref reader);

    /// <summary>The number of bytes <see cref="ToBytes"/> would produce, computed without encoding.</summary>
    public int GetEncodedSize() => BsonSize.Of(this);

    /// <summary>Encodes the document as BSON.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new PooledByteBufferWriter();
        var writer = new BsonWriter(buffer);
        BsonDom.WriteDocument(ref writer, this);
        return buffer.ToArray();
    }

    /// <summary>Encodes the document through <paramref name="writer"/>, as a top-level document or as the next value.</summary>
    public override void WriteTo(ref BsonWriter writer) => BsonDom.WriteDocument(ref writer, this);

    /// <summary>Encodes the document into <paramref name="output"/>.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        var writer = new BsonWriter(output);
        BsonDom.WriteDocument(ref writer, this);
    }

    /// <summary>Appends an element.</summary>
    /// <exception cref="ArgumentException">An element of that name exists already.</exception>
    public BsonDocument Add(string name, BsonValue? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IndexOf(name) >= 0)
        {
            throw new ArgumentException($"The document already has an element named '{name}'; use Set to replace it.", nameof(name));
        }

        AddUnchecked(name, OrNull(value));
        return this;
    }

    /// <summary>Appends an element; see <see cref="Add(string, BsonValue)"/>.</summary>
    public BsonDocument Add(BsonElement element) => Add(element.Name, element.Value);

    /// <summary>Replaces the value of the first element named <paramref name="name"/>, or appends one.</summary>
    public BsonDocument Set(string name, BsonValue? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = IndexOf(name);
        if (index >= 0)
        {
            _elements[index] = new BsonElement(name, OrNull(value));
        }
        else
        {
            AddUnchecked(name, OrNull(value));
        }

        return this;
    }

    /// <summary>Inserts an element at <paramref name="index"/>.</summary>
    public BsonDocument InsertAt(int index, BsonElement element)
    {
        if (IndexOf(element.Name) >= 0)
        {
            throw new ArgumentException($"The document already has an element named '{element.Name}'.", nameof(element));
        }

        _elements.Insert(index, element);
        _index = null;
        return this;
    }

    /// <summary>Removes every element named <paramref name="name"/>; returns whether there was one.</summary>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kept = 0;
        for (var i = 0; i < _elements.Count; i++)
        {
            if (!string.Equals(_elements[i].Name, name, StringComparison.Ordinal))
            {
                _elements[kept++] = _elements[i];
            }
        }

        if (kept == _elements.Count)
        {
            return false;
        }

        _elements.RemoveRange(kept, _elements.Count - kept);
        _index = null;
        return true;
    }

    public void RemoveAt(int index)
    {
        _elements.RemoveAt(index);
        _index = null;
    }

    public void Clear()
    {
        _elements.Clear();
        _index = null;
    }

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public BsonElement GetElement(int index) => _elements[index];

    /// <summary>The position of the first element named <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_elements.Count <= IndexThreshold)
        {
            for (var i = 0; i < _elements.Count; i++)
            {
                if (string.Equals(_elements[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        return EnsureIndex().TryGetValue(name, out var position) ? position : -1;
    }

    public bool TryGetValue(string name, [NotNullWhen(true)] out BsonValue? value)
    {
        var index = IndexOf(name);
        value = index >= 0 ? _elements[index].Value : null;
        return value is not null;
    }

    /// <summary>The value named <paramref name="name"/>, or <paramref name="defaultValue"/> when there is none.</summary>
    public BsonValue? GetValue(string name, BsonValue? defaultValue) => TryGetValue(name, out var value) ? value : defaultValue;

    public List<BsonElement>.Enumerator GetEnumerator() => _elements.GetEnumerator();

    IEnumerator<BsonElement> IEnumerable<BsonElement>.GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _elements.GetEnumerator();

    public override BsonValue DeepClone()
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var clone = new BsonDocument(_elements.Count);
        foreach (var element in _elements)
        {
            clone._elements.Add(new BsonElement(element.Name, element.Value.DeepClone()));
        }

        return clone;
    }

    /// <summary>Documents are equal when they hold the same names with equal values in the same order.</summary>
    public bool Equals([NotNullWhen(true)] BsonDocument? other) => Equals((BsonValue?)other);

    public override bool Equals([NotNullWhen(true)] BsonValue? other)
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not BsonDocument document || document._elements.Count != _elements.Count)
        {
            return false;
        }

        for (var i = 0; i < _elements.Count; i++)
        {
            var a = _elements[i];
            var b = document._elements[i];
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal) || !a.Value.Equals(b.Value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        // Values built by pipelines can nest without bound; fail the command instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var hash = new HashCode();
        hash.Add(BsonType);
        foreach (var element in _elements)
        {
            hash.Add(element.Name);
            hash.Add(element.Value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Appends without checking for a duplicate name (readers keep duplicates as they came).</summary>
    internal void AddUnchecked(string name, BsonValue value)
    {
        _elements.Add(new BsonElement(name, value));
        _index?.TryAdd(name, _elements.Count - 1);
    }

    private Dictionary<string, int> EnsureIndex()
    {
        if (_index is null)
        {
            var index = new Dictionary<string, int>(_elements.Count, StringComparer.Ordinal);
            for (var i = 0; i < _elements.Count; i++)
            {
                index.TryAdd(_elements[i].Name, i);
            }

            _index = index;
        }

        return _index;
    }
}
