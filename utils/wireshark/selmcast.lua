-- SPDX-License-Identifier: GPL-2.0-only
--
-- Wireshark / tshark dissector for the selmcast ns-3 module: every message of the data path
-- (model/selmcast-header.h: DATA segments, repairs, parity repairs and polls, NACK, ACK) and of
-- the control path
-- (model/selmcast-control-header.h: READY, ASSIGN, RATE, PRUNE, DONE, START, HEARTBEAT).
--
-- Load it for one run:   tshark -X lua_script:utils/wireshark/selmcast.lua -r file.pcap
-- or copy it to ~/.local/lib/wireshark/plugins/ (Wireshark finds it on start).
--
-- It claims UDP ports 5400 (SelmcastWorker::Port) and 5500 (ControlPort), changeable under
-- Preferences > Protocols > SELMCAST, and looks at any other UDP packet heuristically (magic
-- and version). Filter fields start with "selmcast."; selmcast.msg names the message (DATA,
-- REPAIR, PARITY, POLL, NACK, ACK, READY, ASSIGN, RATE, PRUNE, DONE, START, FINISH, HEARTBEAT).
-- Parity repairs (FEC): source segments and polls with the FEC flag carry the group size
-- (selmcast.fec.group_size); a PARITY segment carries its group and parity index
-- (selmcast.parity.group, selmcast.parity.index); a NACK with the GROUPS flag lists (group,
-- missing count) pairs (selmcast.nack.group, selmcast.nack.missing).
-- All fields are big-endian, as the C++ headers write them.

local DATA_MAGIC = 0x534d -- "SM", SelmcastHeader::MAGIC
local CONTROL_MAGIC = 0x5343 -- "SC", SelmcastControlHeader::MAGIC
local VERSION = 1

local proto = Proto("selmcast", "SELMCAST selective multicast for distributed learning")

local data_types = { [1] = "DATA", [2] = "NACK", [3] = "ACK" }
local control_types = {
    [1] = "READY",
    [2] = "ASSIGN",
    [3] = "RATE",
    [4] = "PRUNE",
    [5] = "DONE",
    [6] = "START",
    [7] = "HEARTBEAT",
}

local f = {
    msg = ProtoField.string("selmcast.msg", "Message"),
    magic = ProtoField.uint16("selmcast.magic", "Magic", base.HEX),
    version = ProtoField.uint8("selmcast.version", "Version"),
    type = ProtoField.uint8("selmcast.type", "Data-path type", base.DEC, data_types),
    ctl_type = ProtoField.uint8("selmcast.ctl_type", "Control type", base.DEC, control_types),
    flags = ProtoField.uint16("selmcast.flags", "Flags", base.HEX),
    flag_repair = ProtoField.bool("selmcast.flags.repair", "Repair", 16, nil, 0x1),
    flag_last = ProtoField.bool("selmcast.flags.last", "Last of burst", 16, nil, 0x2),
    flag_poll = ProtoField.bool("selmcast.flags.poll", "Poll", 16, nil, 0x4),
    flag_fec = ProtoField.bool("selmcast.flags.fec", "Parity repairs (FEC groups)", 16, nil, 0x8),
    flag_parity = ProtoField.bool("selmcast.flags.parity", "Parity segment", 16, nil, 0x10),
    flag_groups = ProtoField.bool("selmcast.flags.groups", "Per-group counts", 16, nil, 0x2),
    flag_more = ProtoField.bool("selmcast.flags.more", "More missing", 16, nil, 0x1),
    flag_l7 = ProtoField.bool("selmcast.flags.l7", "L7 (unicast per receiver)", 16, nil, 0x1),
    flag_finish = ProtoField.bool("selmcast.flags.finish", "Finish", 16, nil, 0x2),
    aux = ProtoField.uint16("selmcast.aux", "Aux"),
    -- Data path.
    sender = ProtoField.uint32("selmcast.sender", "Sender"),
    receiver = ProtoField.uint32("selmcast.receiver", "Receiver"),
    round = ProtoField.uint32("selmcast.round", "Round"),
    seq = ProtoField.uint32("selmcast.seq", "Sequence number"),
    fec_group_size = ProtoField.uint16("selmcast.fec.group_size", "FEC group size"),
    parity_group = ProtoField.uint32("selmcast.parity.group", "FEC group"),
    parity_index = ProtoField.uint16("selmcast.parity.index", "Parity index"),
    segment_size = ProtoField.uint32("selmcast.segment_size", "Segment size"),
    block_size = ProtoField.uint64("selmcast.block_size", "Block size"),
    payload_len = ProtoField.uint32("selmcast.payload_len", "Payload length"),
    range_count = ProtoField.uint16("selmcast.nack.ranges", "Ranges"),
    range_first = ProtoField.uint32("selmcast.nack.first", "Range first"),
    range_len = ProtoField.uint32("selmcast.nack.count", "Range count"),
    nack_group = ProtoField.uint32("selmcast.nack.group", "Group"),
    nack_missing = ProtoField.uint32("selmcast.nack.missing", "Segments missing"),
    received_bytes = ProtoField.uint64("selmcast.received_bytes", "Received bytes"),
    -- Control path.
    worker = ProtoField.uint32("selmcast.worker", "Worker"),
    count = ProtoField.uint16("selmcast.count", "Count"),
    ingress = ProtoField.uint64("selmcast.ingress", "Ingress bit/s"),
    egress = ProtoField.uint64("selmcast.egress", "Egress bit/s"),
    in_flight = ProtoField.uint32("selmcast.in_flight", "Transfers in flight"),
    queued = ProtoField.uint32("selmcast.queued", "Transfers queued"),
    group = ProtoField.ipv4("selmcast.group", "Group"),
    entry_id = ProtoField.uint32("selmcast.entry.id", "Receiver"),
    entry_addr = ProtoField.ipv4("selmcast.entry.addr", "Receiver address"),
    entry_rate = ProtoField.uint64("selmcast.entry.rate", "Rate bit/s"),
    failed_count = ProtoField.uint32("selmcast.done.failed_count", "Failed receivers"),
    segments = ProtoField.uint64("selmcast.done.segments", "Segments sent"),
    data_bytes = ProtoField.uint64("selmcast.done.data_bytes", "Block bytes sent"),
    repair_bytes = ProtoField.uint64("selmcast.done.repair_bytes", "Repair bytes"),
    start_ns = ProtoField.uint64("selmcast.done.start_ns", "Transfer start (ns)"),
    end_ns = ProtoField.uint64("selmcast.done.end_ns", "Transfer end (ns)"),
    completed = ProtoField.uint32("selmcast.done.completed", "Completed receiver"),
    failed = ProtoField.uint32("selmcast.done.failed", "Failed receiver"),
}
proto.fields = f

local ef_short = ProtoExpert.new("selmcast.short", "Message shorter than its format",
    expert.group.MALFORMED, expert.severity.ERROR)
proto.experts = { ef_short }

proto.prefs.data_port = Pref.uint("Data port", 5400, "UDP port of the data path (Port)")
proto.prefs.control_port = Pref.uint("Control port", 5500, "UDP port of the control path")

-- Returns false (and marks the packet) when fewer than n bytes are left at offset.
local function need(buf, tree, offset, n)
    if buf:len() < offset + n then
        tree:add_proto_expert_info(ef_short)
        return false
    end
    return true
end

local function dissect_data_path(buf, pinfo, tree)
    local mtype = buf(3, 1):uint()
    local flags = buf(4, 2):uint()
    local name = data_types[mtype] or "UNKNOWN"
    tree:add(f.type, buf(3, 1))
    local ft = tree:add(f.flags, buf(4, 2))
    if mtype == 1 then
        ft:add(f.flag_repair, buf(4, 2))
        ft:add(f.flag_last, buf(4, 2))
        ft:add(f.flag_poll, buf(4, 2))
        ft:add(f.flag_fec, buf(4, 2))
        ft:add(f.flag_parity, buf(4, 2))
        local parity = bit.band(flags, 0x10) ~= 0
        if bit.band(flags, 0x4) ~= 0 then
            name = "POLL"
        elseif parity then
            name = "PARITY"
        elseif bit.band(flags, 0x1) ~= 0 then
            name = "REPAIR"
        end
        if parity then
            tree:add(f.parity_index, buf(6, 2))
        elseif bit.band(flags, 0x8) ~= 0 then
            tree:add(f.fec_group_size, buf(6, 2))
        end
        if not need(buf, tree, 8, 24) then return name end
        tree:add(f.sender, buf(8, 4))
        tree:add(f.round, buf(12, 4))
        tree:add(parity and f.parity_group or f.seq, buf(16, 4))
        tree:add(f.segment_size, buf(20, 4))
        tree:add(f.block_size, buf(24, 8))
        tree:add(f.payload_len, buf:len() - 32)
        pinfo.cols.info:set(string.format("%s sender=%d round=%d %s=%d", name,
            buf(8, 4):uint(), buf(12, 4):uint(), parity and "group" or "seq", buf(16, 4):uint()))
    elseif mtype == 2 then
        ft:add(f.flag_more, buf(4, 2))
        ft:add(f.flag_groups, buf(4, 2))
        local groups = bit.band(flags, 0x2) ~= 0
        tree:add(f.range_count, buf(6, 2))
        if not need(buf, tree, 8, 12) then return name end
        tree:add(f.receiver, buf(8, 4))
        tree:add(f.sender, buf(12, 4))
        tree:add(f.round, buf(16, 4))
        local ranges = buf(6, 2):uint()
        for k = 0, ranges - 1 do
            local at = 20 + 8 * k
            if not need(buf, tree, at, 8) then break end
            tree:add(groups and f.nack_group or f.range_first, buf(at, 4))
            tree:add(groups and f.nack_missing or f.range_len, buf(at + 4, 4))
        end
        pinfo.cols.info:set(string.format("NACK receiver=%d sender=%d round=%d ranges=%d",
            buf(8, 4):uint(), buf(12, 4):uint(), buf(16, 4):uint(), ranges))
    elseif mtype == 3 then
        if not need(buf, tree, 8, 20) then return name end
        tree:add(f.receiver, buf(8, 4))
        tree:add(f.sender, buf(12, 4))
        tree:add(f.round, buf(16, 4))
        tree:add(f.received_bytes, buf(20, 8))
        pinfo.cols.info:set(string.format("ACK receiver=%d sender=%d round=%d",
            buf(8, 4):uint(), buf(12, 4):uint(), buf(16, 4):uint()))
    end
    return name
end

local function dissect_entries(buf, tree, count)
    if not need(buf, tree, 16, 4) then return end
    tree:add(f.group, buf(16, 4))
    for k = 0, count - 1 do
        local at = 20 + 16 * k
        if not need(buf, tree, at, 16) then return end
        tree:add(f.entry_id, buf(at, 4))
        tree:add(f.entry_addr, buf(at + 4, 4))
        tree:add(f.entry_rate, buf(at + 8, 8))
    end
end

local function dissect_done(buf, tree, count)
    if not need(buf, tree, 16, 44) then return end
    local failed = buf(16, 4):uint()
    tree:add(f.failed_count, buf(16, 4))
    tree:add(f.segments, buf(20, 8))
    tree:add(f.data_bytes, buf(28, 8))
    tree:add(f.repair_bytes, buf(36, 8))
    tree:add(f.start_ns, buf(44, 8))
    tree:add(f.end_ns, buf(52, 8))
    for k = 0, count + failed - 1 do
        local at = 60 + 4 * k
        if not need(buf, tree, at, 4) then return end
        tree:add(k < count and f.completed or f.failed, buf(at, 4))
    end
end

local function dissect_control(buf, pinfo, tree)
    local ctype = buf(3, 1):uint()
    local flags = buf(4, 2):uint()
    local count = buf(6, 2):uint()
    local name = control_types[ctype] or "UNKNOWN"
    tree:add(f.ctl_type, buf(3, 1))
    local ft = tree:add(f.flags, buf(4, 2))
    ft:add(f.flag_l7, buf(4, 2))
    ft:add(f.flag_finish, buf(4, 2))
    if ctype == 6 and bit.band(flags, 0x2) ~= 0 then
        name = "FINISH"
    end
    tree:add(f.count, buf(6, 2))
    if not need(buf, tree, 8, 8) then return name end
    tree:add(f.worker, buf(8, 4))
    tree:add(f.round, buf(12, 4))
    if ctype == 1 then
        if need(buf, tree, 16, 24) then
            tree:add(f.ingress, buf(16, 8))
            tree:add(f.egress, buf(24, 8))
            tree:add(f.in_flight, buf(32, 4))
            tree:add(f.queued, buf(36, 4))
        end
    elseif ctype >= 2 and ctype <= 4 then
        dissect_entries(buf, tree, count)
    elseif ctype == 5 then
        dissect_done(buf, tree, count)
    end
    pinfo.cols.info:set(string.format("%s worker=%d round=%d count=%d", name,
        buf(8, 4):uint(), buf(12, 4):uint(), count))
    return name
end

-- Returns the bytes dissected, 0 when the packet is not selmcast of this version.
local function dissect(buf, pinfo, root)
    if buf:len() < 8 or buf(2, 1):uint() ~= VERSION then
        return 0
    end
    local magic = buf(0, 2):uint()
    if magic ~= DATA_MAGIC and magic ~= CONTROL_MAGIC then
        return 0
    end
    pinfo.cols.protocol:set("SELMCAST")
    local tree = root:add(proto, buf())
    tree:add(f.magic, buf(0, 2))
    tree:add(f.version, buf(2, 1))
    local name
    if magic == DATA_MAGIC then
        name = dissect_data_path(buf, pinfo, tree)
    else
        name = dissect_control(buf, pinfo, tree)
    end
    tree:add(f.msg, name):set_generated()
    tree:append_text(", " .. name)
    return buf:len()
end

function proto.dissector(buf, pinfo, root)
    return dissect(buf, pinfo, root)
end

local function heuristic(buf, pinfo, root)
    return dissect(buf, pinfo, root) > 0
end

local udp = DissectorTable.get("udp.port")
local registered = {}

local function register_ports()
    for _, port in ipairs(registered) do
        udp:remove(port, proto)
    end
    registered = { proto.prefs.data_port, proto.prefs.control_port }
    for _, port in ipairs(registered) do
        udp:add(port, proto)
    end
end

function proto.prefs_changed()
    register_ports()
end

register_ports()
proto:register_heuristic("udp", heuristic)
