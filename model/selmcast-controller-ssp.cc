/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup selmcast
 * The SSP half of SelmcastController (Mode SSP): per-worker rounds, the staleness barrier,
 * selection each time a worker becomes ready, preemption and rate re-allocation in flight.
 * The protocol is described with the class.
 */

#include "selmcast-algorithm.h"
#include "selmcast-controller.h"

#include "ns3/log.h"
#include "ns3/selmcast-multicast-tree-helper.h"
#include "ns3/selmcast-topology-helper.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SelmcastControllerSsp");

void
SelmcastController::SspStart()
{
    m_roundsDone.assign(m_n, 0);
    m_blocked.assign(m_n, false);
    m_startSent.assign(m_n, Simulator::Now());
    m_computeSum = Time(0);
    m_computeCount = 0;
    m_multicasts = 0;
    m_syncSum = Time(0);
    m_live.clear();
    // Until a worker's first READY, the configured link rates stand in for its report: the
    // selector needs a positive bandwidth for every worker it may name.
    for (uint32_t i = 0; i < m_n; ++i)
    {
        m_ingress[i] = std::max(1.0, m_topology->GetIngressRate(i).GetBitRate() / 8.0);
        m_egress[i] = std::max(1.0, m_topology->GetEgressRate(i).GetBitRate() / 8.0);
    }
    m_phase = SYNC;
    if (m_duration > Seconds(0))
    {
        m_durationEvent = Simulator::Schedule(m_duration, &SelmcastController::Finish, this);
    }
}

void
SelmcastController::SendStartRound(uint32_t id, uint32_t round)
{
    SelmcastControlHeader header;
    header.SetType(SelmcastControlType::START);
    header.SetWorker(id);
    header.SetRound(round);
    Send(header, id);
}

uint32_t
SelmcastController::SspMinRounds() const
{
    uint32_t least = std::numeric_limits<uint32_t>::max();
    for (uint32_t u = 0; u < m_n; ++u)
    {
        if (m_active[u])
        {
            least = std::min(least, m_roundsDone[u]);
        }
    }
    return least;
}

void
SelmcastController::SspAdvance()
{
    Time now = Simulator::Now();
    double dt = (now - m_lastAdvance).GetSeconds();
    m_lastAdvance = now;
    for (auto& entry : m_live)
    {
        Transfer& t = entry.second;
        for (std::size_t r = 0; r < t.receivers.size(); ++r)
        {
            t.remaining[r] = std::max(0.0, t.remaining[r] - t.rates[r] * dt);
            t.remaining[r] = t.remaining[r] < 1 ? 0 : t.remaining[r]; // float residue: done
        }
    }
}

selmcast::SspTauInputs
SelmcastController::SspTauState() const
{
    selmcast::SspTauInputs in;
    in.staleness = m_staleness;
    in.volume = WireVolume();
    in.meanCompute = m_computeCount == 0 ? 0 : m_computeSum.GetSeconds() / double(m_computeCount);
    in.meanSync = m_multicasts == 0 ? -1 : m_syncSum.GetSeconds() / double(m_multicasts);
    for (uint32_t u = 0; u < m_n; ++u)
    {
        selmcast::SspWorkerPhase w;
        w.active = m_active[u];
        w.roundsDone = m_roundsDone[u];
        w.blocked = m_blocked[u];
        w.computeElapsed = (Simulator::Now() - m_startSent[u]).GetSeconds();
        w.ingress = m_ingress[u];
        auto it = m_live.find(u);
        w.transferring = it != m_live.end();
        if (w.transferring)
        {
            const Transfer& t = it->second;
            for (std::size_t r = 0; r < t.receivers.size(); ++r)
            {
                if (!t.pruned.count(t.receivers[r]))
                {
                    w.transferLeft =
                        std::max(w.transferLeft, t.remaining[r] / std::max(t.rates[r], 1.0));
                }
            }
        }
        in.workers.push_back(w);
    }
    return in;
}

double
SelmcastController::SspTau(uint32_t i) const
{
    return selmcast::EstimateTau(SspTauState(), i, m_tauEstimate);
}

void
SelmcastController::SspDrop(Transfer& t, uint32_t j)
{
    if (t.pruned.count(j))
    {
        return;
    }
    t.pruned.insert(j);
    for (std::size_t r = 0; r < t.receivers.size(); ++r)
    {
        if (t.receivers[r] == j)
        {
            t.rates[r] = 0;
        }
    }
    if (t.hasTree)
    {
        m_trees->Prune(t.group, j);
    }
    t.changed = true;
    m_droppedTrace(t.sender, t.round, j);
    Send(SspPruneMessage(t), t.sender);
}

SelmcastControlHeader
SelmcastController::SspPruneMessage(const Transfer& t) const
{
    std::vector<SelmcastControlEntry> entries;
    for (uint32_t j : t.pruned)
    {
        SelmcastControlEntry e;
        e.id = j;
        e.address = m_topology->GetWorkerAddress(j);
        entries.push_back(e);
    }
    SelmcastControlHeader header;
    header.SetType(SelmcastControlType::PRUNE);
    header.SetWorker(t.sender);
    header.SetRound(t.round);
    header.SetGroup(t.group);
    header.SetEntries(entries);
    return header;
}

SelmcastControlHeader
SelmcastController::SspRateMessage(const Transfer& t) const
{
    std::vector<SelmcastControlEntry> entries;
    for (std::size_t r = 0; r < t.receivers.size(); ++r)
    {
        if (t.pruned.count(t.receivers[r]))
        {
            continue;
        }
        SelmcastControlEntry e;
        e.id = t.receivers[r];
        e.address = m_topology->GetWorkerAddress(e.id);
        // bytes/s to bit/s; never 0, which would pause the transfer for good.
        e.rate = std::max<uint64_t>(1000, uint64_t(t.rates[r] * 8));
        entries.push_back(e);
    }
    SelmcastControlHeader header;
    header.SetType(SelmcastControlType::RATE);
    header.SetWorker(t.sender);
    header.SetRound(t.round);
    header.SetGroup(t.group);
    header.SetEntries(entries);
    return header;
}

void
SelmcastController::SspAllocate(uint32_t except)
{
    selmcast::RatePorts ports;
    ports.ingress = m_ingress;
    ports.egress = m_egress;
    // One flow per L3 session or per L7 receiver; owner[f] names its transfer and receivers.
    std::vector<selmcast::RateFlow> flows;
    std::vector<std::pair<uint32_t, std::vector<std::size_t>>> owner;
    const selmcast::SspTauInputs tauState = SspTauState();
    for (const auto& entry : m_live)
    {
        const Transfer& t = entry.second;
        double deadline = selmcast::EstimateTau(tauState, t.sender, m_tauEstimate);
        std::vector<std::size_t> positions;
        for (std::size_t r = 0; r < t.receivers.size(); ++r)
        {
            if (!t.pruned.count(t.receivers[r]))
            {
                positions.push_back(r);
            }
        }
        if (positions.empty())
        {
            continue;
        }
        auto addFlow = [&](const std::vector<std::size_t>& members) {
            selmcast::RateFlow flow;
            flow.sender = t.sender;
            double remaining = 0;
            for (std::size_t r : members)
            {
                flow.receivers.push_back(t.receivers[r]);
                remaining = std::max(remaining, t.remaining[r]);
            }
            // Done by the estimate (no DONE yet: last packets, ACKs, repairs): it takes no share
            // and keeps its last rate at the sender, as the fluid reference frees its bandwidth.
            flow.remaining = remaining < 1 ? 0 : remaining;
            flow.deadline = deadline;
            flows.push_back(flow);
            owner.emplace_back(t.sender, members);
        };
        if (m_delivery == selmcast::Delivery::L3)
        {
            addFlow(positions);
        }
        else
        {
            for (std::size_t r : positions)
            {
                addFlow({r});
            }
        }
    }
    if (flows.empty())
    {
        return;
    }
    const std::vector<double> rates = SspRates(ports, flows);
    std::set<uint32_t> changed;
    for (std::size_t f = 0; f < flows.size(); ++f)
    {
        Transfer& t = m_live[owner[f].first];
        for (std::size_t r : owner[f].second)
        {
            if (flows[f].remaining > 0 &&
                std::fabs(rates[f] - t.rates[r]) > 1e-9 * std::max(1.0, t.rates[r]))
            {
                t.rates[r] = rates[f];
                changed.insert(t.sender);
            }
        }
    }
    for (uint32_t sender : changed)
    {
        if (sender == except)
        {
            continue;
        }
        Transfer& t = m_live[sender];
        t.changed = true;
        Send(SspRateMessage(t), sender);
    }
    SspScheduleReflow();
}

void
SelmcastController::SspScheduleReflow()
{
    double next = std::numeric_limits<double>::infinity();
    for (const auto& entry : m_live)
    {
        const Transfer& t = entry.second;
        for (std::size_t r = 0; r < t.receivers.size(); ++r)
        {
            if (!t.pruned.count(t.receivers[r]) && t.rates[r] > 0 && t.remaining[r] >= 1)
            {
                next = std::min(next, t.remaining[r] / t.rates[r]);
            }
        }
    }
    m_reflowEvent.Cancel();
    if (std::isfinite(next))
    {
        m_reflowEvent = Simulator::Schedule(NanoSeconds(std::ceil(next * 1e9)), [this]() {
            SspAdvance();
            SspAllocate(std::numeric_limits<uint32_t>::max()); // every changed sender gets RATE
        });
    }
}

selmcast::SspView
SelmcastController::SspBuildView(std::vector<uint32_t>& senders) const
{
    uint32_t active = 0;
    for (uint32_t u = 0; u < m_n; ++u)
    {
        active += m_active[u] ? 1 : 0;
    }
    const uint32_t p = std::min(m_minReceivers, active - 1);
    const double v = WireVolume();
    const selmcast::SspTauInputs tauState = SspTauState();
    // G, in sender order (m_live is ordered): receivers still served, with their estimates.
    selmcast::SspView view;
    view.n = m_n;
    view.delivery = m_delivery;
    view.ingress = m_ingress;
    view.egress = m_egress;
    view.counters = m_counters;
    view.forcedRoundLimit = m_forcedRoundLimit;
    senders.clear();
    for (const auto& entry : m_live)
    {
        const Transfer& t = entry.second;
        selmcast::SspTask task;
        task.sender = t.sender;
        task.volume = v;
        task.tau = selmcast::EstimateTau(tauState, t.sender, m_tauEstimate);
        for (std::size_t r = 0; r < t.receivers.size(); ++r)
        {
            if (!t.pruned.count(t.receivers[r]))
            {
                task.receivers.push_back(t.receivers[r]);
                task.remaining.push_back(std::min(v, t.remaining[r]));
            }
        }
        // A task left with fewer receivers than p (exclusions) cannot ask for more.
        task.minReceivers = std::min<uint32_t>(p, task.receivers.size());
        view.tasks.push_back(task);
        senders.push_back(t.sender);
    }
    return view;
}

void
SelmcastController::SspApplyDrops(const std::vector<uint32_t>& senders,
                                  const selmcast::SspDecision& decision)
{
    for (std::size_t k = 0; k < senders.size(); ++k)
    {
        for (uint32_t j : decision.dropped[k])
        {
            SspDrop(m_live[senders[k]], j);
        }
    }
}

void
SelmcastController::SspHandleReady(const SelmcastControlHeader& header)
{
    uint32_t w = header.GetWorker();
    if (m_phase == FINISHED)
    {
        SendStart(w); // FINISH again
        return;
    }
    auto live = m_live.find(w);
    if (live != m_live.end())
    {
        if (live->second.round == header.GetRound())
        {
            SendAssign(w); // the ASSIGN was lost
        }
        return;
    }
    if (header.GetRound() != m_roundsDone[w] || m_blocked[w])
    {
        return; // stale
    }
    Time now = Simulator::Now();
    m_computeSum += now - m_startSent[w];
    ++m_computeCount;
    m_ingress[w] = std::max(1.0, header.GetIngress() / 8.0);
    m_egress[w] = std::max(1.0, header.GetEgress() / 8.0);
    m_inFlight[w] = header.GetInFlight();
    m_queued[w] = header.GetQueued();
    SspAdvance();

    uint32_t active = 0;
    for (uint32_t u = 0; u < m_n; ++u)
    {
        active += m_active[u] ? 1 : 0;
    }
    uint32_t p = std::min(m_minReceivers, active - 1);
    double v = WireVolume();

    std::vector<uint32_t> senders;
    selmcast::SspView view = SspBuildView(senders);
    selmcast::SspTask fresh;
    fresh.sender = w;
    fresh.volume = v;
    fresh.minReceivers = p;
    fresh.tau = SspTau(w);
    for (uint32_t j = 0; j < m_n; ++j)
    {
        if (j != w && m_active[j])
        {
            fresh.receivers.push_back(j);
            fresh.remaining.push_back(v);
        }
    }
    view.tasks.push_back(fresh);
    std::size_t index = view.tasks.size() - 1;

    auto wallStart = std::chrono::steady_clock::now();
    selmcast::SspDecision decision = m_selector->SelectOnReady(view, index, m_rng);
    auto wallEnd = std::chrono::steady_clock::now();
    SspApplyDrops(senders, decision);

    Transfer t;
    t.sender = w;
    t.round = header.GetRound();
    t.receivers = view.tasks[index].receivers;
    t.remaining.assign(t.receivers.size(), v);
    t.rates.assign(t.receivers.size(), 0);
    t.ready = now;
    t.inFlight = header.GetInFlight();
    t.queued = header.GetQueued();
    t.selectorSeconds = std::chrono::duration<double>(wallEnd - wallStart).count();
    m_multicastSelectedTrace(w, t.round, t.receivers, t.selectorSeconds);
    if (m_delivery == selmcast::Delivery::L3 && !t.receivers.empty())
    {
        // Management plane: the routes are written into the routers directly.
        t.group = m_trees->Install(w, t.receivers);
        t.hasTree = true;
    }
    m_live[w] = t;
    SspAllocate(w);

    Transfer& mine = m_live[w];
    SelmcastControlHeader rates = SspRateMessage(mine);
    mine.assign.SetType(SelmcastControlType::ASSIGN);
    mine.assign.SetWorker(w);
    mine.assign.SetRound(mine.round);
    mine.assign.SetFlags(m_delivery == selmcast::Delivery::L7 ? SelmcastControlHeader::FLAG_L7 : 0);
    mine.assign.SetGroup(mine.group);
    mine.assign.SetEntries(rates.GetEntries());
    SendAssign(w);
}

void
SelmcastController::SspHandleDone(const SelmcastControlHeader& header)
{
    uint32_t w = header.GetWorker();
    if (m_phase == FINISHED)
    {
        SendStart(w); // FINISH again
        return;
    }
    auto live = m_live.find(w);
    if (live == m_live.end() || live->second.round != header.GetRound())
    {
        // A repeated DONE: answer it only once the worker may go on (its START was lost).
        if (live == m_live.end() && header.GetRound() + 1 == m_roundsDone[w] && !m_blocked[w])
        {
            SendStartRound(w, m_roundsDone[w]);
        }
        return;
    }
    SspAdvance();
    Transfer t = live->second;
    m_live.erase(live);
    if (t.hasTree)
    {
        m_trees->Remove(t.group);
    }

    SelmcastMulticastRecord record;
    record.sender = w;
    record.round = t.round;
    record.ready = t.ready;
    record.start = header.GetTransferStart();
    record.end = header.GetTransferEnd();
    record.done = Simulator::Now();
    record.workers = m_n;
    record.selected = t.receivers;
    record.dropped.assign(t.pruned.begin(), t.pruned.end());
    for (uint32_t id : header.GetCompleted())
    {
        if (std::find(t.receivers.begin(), t.receivers.end(), id) != t.receivers.end() &&
            !t.pruned.count(id))
        {
            record.completed.push_back(id);
        }
    }
    std::sort(record.completed.begin(), record.completed.end());
    record.wireBytes = header.GetDataBytes() + header.GetSegments() * m_frameOverhead;
    record.repairBytes = header.GetRepairBytes();
    record.selectorSeconds = t.selectorSeconds;
    record.inFlight = t.inFlight;
    record.queued = t.queued;

    // The k rule's counters: reset where the block arrived, count up everywhere else.
    for (uint32_t j = 0; j < m_n; ++j)
    {
        if (j != w && m_active[j])
        {
            bool got = std::binary_search(record.completed.begin(), record.completed.end(), j);
            m_counters(w, j) = got ? 0 : m_counters(w, j) + 1;
        }
    }
    ++m_multicasts;
    m_syncSum += record.done - record.ready;
    ++m_roundsDone[w];
    m_blocked[w] = true;
    m_multicastTrace(record);

    auto* selmcastSelector = dynamic_cast<const selmcast::SelmcastSelector*>(m_selector.get());
    if (m_reselectOnDone && selmcastSelector && !m_live.empty())
    {
        // The reading in which Algorithm 2 also runs when a transfer ends (no new task).
        std::vector<uint32_t> senders;
        selmcast::SspView view = SspBuildView(senders);
        SspApplyDrops(senders, selmcastSelector->Reselect(view, m_rng));
    }
    SspAllocate(m_n);
    if (m_duration == Seconds(0) && SspMinRounds() >= m_rounds)
    {
        Finish();
        return;
    }
    SspRelease();
}

void
SelmcastController::SspRelease()
{
    uint32_t least = SspMinRounds();
    for (uint32_t u = 0; u < m_n; ++u)
    {
        if (m_active[u] && m_blocked[u] && m_roundsDone[u] - least <= m_staleness)
        {
            m_blocked[u] = false;
            m_startSent[u] = Simulator::Now();
            SendStartRound(u, m_roundsDone[u]);
        }
    }
}

void
SelmcastController::SspHandleHeartbeat(const SelmcastControlHeader& header)
{
    auto live = m_live.find(header.GetWorker());
    if (live == m_live.end() || live->second.round != header.GetRound() || !live->second.changed)
    {
        return;
    }
    // The sender may have missed a PRUNE or RATE: both are idempotent at the trainer.
    const Transfer& t = live->second;
    if (!t.pruned.empty())
    {
        Send(SspPruneMessage(t), t.sender);
    }
    Send(SspRateMessage(t), t.sender);
}

void
SelmcastController::SspExclude(uint32_t id)
{
    if (m_phase == FINISHED)
    {
        return;
    }
    SspAdvance();
    m_blocked[id] = false;
    auto own = m_live.find(id);
    if (own != m_live.end())
    {
        // Its own transfer is written off, unrecorded.
        if (own->second.hasTree)
        {
            m_trees->Remove(own->second.group);
        }
        m_live.erase(own);
    }
    for (auto& entry : m_live)
    {
        Transfer& t = entry.second;
        if (std::find(t.receivers.begin(), t.receivers.end(), id) != t.receivers.end())
        {
            SspDrop(t, id);
        }
    }
    uint32_t active = 0;
    for (uint32_t u = 0; u < m_n; ++u)
    {
        active += m_active[u] ? 1 : 0;
    }
    if (active < 2)
    {
        NS_LOG_WARN("SelmcastController: fewer than two active workers, ending the run");
        Finish();
        return;
    }
    SspAllocate(m_n);
    if (m_duration == Seconds(0) && SspMinRounds() >= m_rounds)
    {
        Finish();
        return;
    }
    SspRelease();
}

} // namespace ns3
