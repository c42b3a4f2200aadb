using System.Buffers.Binary;

namespace Api.Orders;

/// <summary>
/// UUID version 7 ids that strictly increase within this process, even for orders placed in the same millisecond,
/// so that "newest first" by id is the order in which they were placed (RFC 9562, section 6.2, method 3).
/// One instance serves the whole process.
/// </summary>
public sealed class OrderIds
{
    readonly Lock _gate = new();
    UInt128 _last;

    public Guid Next(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(now).TryWriteBytes(bytes, bigEndian: true, out _);
        var candidate = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        lock (_gate)
        {
            // the random low bits absorb the increment; 2^62 orders in one millisecond would be needed to reach the variant bits
            if (candidate <= _last)
                candidate = _last + 1;
            _last = candidate;
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, candidate);
        return new Guid(bytes, bigEndian: true);
    }
}
