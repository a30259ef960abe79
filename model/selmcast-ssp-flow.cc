/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup selmcast
 * Flow-level SSP. The sequence of one run mirrors SelmcastController's SSP half: every worker
 * computes, then (READY) Algorithm 2 runs over G plus its new task, receivers dropped from tasks
 * in flight stop receiving, and the rates of every session are re-allocated; when a session has
 * delivered its block to every receiver still served (DONE) c_ij is updated, the sender's round
 * counts and the barrier releases whoever may go on. Differences from the packet level: no
 * control latency, no packets, no frame overhead.
 */

#include "selmcast-ssp-flow.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace selmcast
{

namespace
{

/** Throw "SspFlowConfig: <what>" as std::invalid_argument. */
[[noreturn]] void
Refuse(const std::string& what)
{
    throw std::invalid_argument("SspFlowConfig: " + what);
}

} // namespace

void
SspFlowConfig::Validate() const
{
    std::ostringstream os;
    if (n < 2)
    {
        Refuse("n = " + std::to_string(n) + " is out of range, allowed: >= 2");
    }
    if (p < 1 || p > n - 1)
    {
        Refuse("p = " + std::to_string(p) + " is out of range, allowed: [1, n - 1]");
    }
    if (k < 1)
    {
        Refuse("k = 0 is out of range, allowed: >= 1");
    }
    auto positive = [](double x) { return std::isfinite(x) && x > 0; };
    if (!positive(bandwidth) || !positive(mu) || !positive(volume) || !positive(duration))
    {
        Refuse("bandwidth, mu, volume and duration must be finite and > 0");
    }
    if (!(lambda >= 0 && lambda < 1))
    {
        os << "lambda = " << lambda << " is out of range, allowed: [0, 1)";
        Refuse(os.str());
    }
    if (selector != "selmcast" && selector != "random" && selector != "broadcast")
    {
        Refuse("selector '" + selector + "' is unknown, allowed: selmcast, random, broadcast");
    }
    if (reselectOnDone && selector != "selmcast")
    {
        Refuse("reselectOnDone needs selector selmcast (the baselines never drop a receiver)");
    }
    if (ratePolicy == RatePolicy::FinishTogether)
    {
        Refuse("ratePolicy finish-together has no SSP form, allowed: maxmin, deadline");
    }
    options.Validate();
}

SspFlowSimulation::SspFlowSimulation(const SspFlowConfig& config, uint64_t seed)
    : m_config(config)
{
    m_config.Validate();
    const uint32_t n = m_config.n;
    m_selector = m_config.selector == "selmcast"
                     ? std::make_unique<SelmcastSelector>(m_config.options)
                     : MakeSelector(m_config.selector);
    // Separate streams, so that two readings run with one seed see the same ports and the
    // same compute time for each worker's r-th round.
    Rng master(seed);
    Rng ports(master.Next());
    m_selectRng = Rng(master.Next());
    for (uint32_t w = 0; w < n; ++w)
    {
        m_computeRng.emplace_back(master.Next());
    }
    for (uint32_t w = 0; w < n; ++w)
    {
        // b^E_j = b (1 + lambda x), b^I_i = b mu (1 + lambda x), x ~ U[-1, 1] per port.
        m_egress.push_back(m_config.bandwidth *
                           (1 + m_config.lambda * (2 * ports.Uniform01() - 1)));
        m_ingress.push_back(m_config.bandwidth * m_config.mu *
                            (1 + m_config.lambda * (2 * ports.Uniform01() - 1)));
    }
    m_counters = Matrix<uint32_t>(n, 0);
    m_phase.assign(n, Phase::Computing);
    m_roundsDone.assign(n, 0);
    m_computeStart.assign(n, 0);
    m_computeEnd.assign(n, 0);
}

SspFlowResult
SspFlowSimulation::Run()
{
    const uint32_t n = m_config.n;
    for (uint32_t w = 0; w < n; ++w)
    {
        StartCompute(w);
    }
    const double inf = std::numeric_limits<double>::infinity();
    while (true)
    {
        double computeEnd = inf;
        uint32_t ready = 0;
        for (uint32_t w = 0; w < n; ++w)
        {
            if (m_phase[w] == Phase::Computing && m_computeEnd[w] < computeEnd)
            {
                computeEnd = m_computeEnd[w];
                ready = w;
            }
        }
        uint32_t done = 0;
        const double transferEnd = NextTransferEnd(done);
        const double next = std::min(computeEnd, transferEnd);
        if (!(next <= m_config.duration))
        {
            Advance(m_config.duration);
            break;
        }
        Advance(next);
        if (transferEnd <= computeEnd)
        {
            OnDone(done);
        }
        else
        {
            OnReady(ready);
        }
    }
    double compute = m_computeTotal;
    uint64_t rounds = 0;
    for (uint32_t w = 0; w < n; ++w)
    {
        if (m_phase[w] == Phase::Computing)
        {
            compute += m_now - m_computeStart[w];
        }
        rounds += m_roundsDone[w];
    }
    m_result.utilization = compute / (n * m_config.duration);
    m_result.scale = m_result.multicasts == 0 ? 0 : m_scaleSum / m_result.multicasts;
    m_result.meanRounds = double(rounds) / n;
    return m_result;
}

void
SspFlowSimulation::Advance(double to)
{
    const double dt = to - m_now;
    for (auto& entry : m_live)
    {
        Transfer& t = entry.second;
        for (uint32_t j = 0; j < m_config.n; ++j)
        {
            if (t.served[j] != 0)
            {
                t.remaining[j] = std::max(0.0, t.remaining[j] - t.rate * dt);
            }
        }
    }
    m_now = to;
}

double
SspFlowSimulation::SessionLeft(const Transfer& t) const
{
    double left = 0;
    for (uint32_t j = 0; j < m_config.n; ++j)
    {
        if (t.served[j] != 0)
        {
            left = std::max(left, t.remaining[j]);
        }
    }
    return left;
}

double
SspFlowSimulation::NextTransferEnd(uint32_t& sender) const
{
    double best = std::numeric_limits<double>::infinity();
    for (const auto& entry : m_live)
    {
        const double left = SessionLeft(entry.second);
        // A relative 1e-12 of the block counts as delivered: rounding must not leave a
        // session a few bytes short forever.
        double end = std::numeric_limits<double>::infinity();
        if (left <= 1e-12 * m_config.volume)
        {
            end = m_now;
        }
        else if (entry.second.rate > 0)
        {
            end = m_now + left / entry.second.rate;
        }
        if (end < best)
        {
            best = end;
            sender = entry.first;
        }
    }
    return best;
}

void
SspFlowSimulation::StartCompute(uint32_t w)
{
    m_phase[w] = Phase::Computing;
    m_computeStart[w] = m_now;
    m_computeEnd[w] = m_now + m_config.compute.Draw(m_computeRng[w]);
}

void
SspFlowSimulation::OnReady(uint32_t w)
{
    m_computeTotal += m_now - m_computeStart[w];
    ++m_computeCount;
    // w counts as computing while it is selected for, as in the controller, where its own
    // transfer does not exist yet when the others' tau are estimated.
    Select(true, w);
    m_phase[w] = Phase::Transferring;
    Allocate();
}

void
SspFlowSimulation::OnDone(uint32_t w)
{
    const uint32_t n = m_config.n;
    Transfer& t = m_live.at(w);
    uint32_t completed = 0;
    for (uint32_t j = 0; j < n; ++j)
    {
        if (j != w)
        {
            completed += t.served[j];
            m_counters(w, j) = t.served[j] != 0 ? 0 : m_counters(w, j) + 1;
        }
    }
    m_scaleSum += double(completed) / n;
    m_syncTotal += m_now - t.ready;
    ++m_result.multicasts;
    m_live.erase(w);
    ++m_roundsDone[w];
    m_phase[w] = Phase::Blocked;
    if (m_config.reselectOnDone && !m_live.empty())
    {
        Select(false, w);
    }
    Allocate();
    Release();
}

void
SspFlowSimulation::Select(bool withNewTask, uint32_t w)
{
    const uint32_t n = m_config.n;
    const SspTauInputs tauIn = TauInputs();
    SspView view;
    view.n = n;
    view.delivery = Delivery::L3;
    view.ingress = m_ingress;
    view.egress = m_egress;
    view.counters = m_counters;
    view.forcedRoundLimit = m_config.k;
    for (const auto& entry : m_live)
    {
        SspTask task;
        task.sender = entry.first;
        task.volume = m_config.volume;
        task.tau = EstimateTau(tauIn, entry.first, m_config.tauEstimate);
        for (uint32_t j = 0; j < n; ++j)
        {
            // Final drops: only the receivers still served. Otherwise every other worker is
            // a candidate again, with whatever it already holds.
            if (j != entry.first && (entry.second.served[j] != 0 || !m_config.dropsFinal))
            {
                task.receivers.push_back(j);
                task.remaining.push_back(entry.second.remaining[j]);
            }
        }
        task.minReceivers = std::min<uint32_t>(m_config.p, task.receivers.size());
        view.tasks.push_back(task);
    }
    if (withNewTask)
    {
        SspTask fresh;
        fresh.sender = w;
        fresh.volume = m_config.volume;
        fresh.minReceivers = m_config.p;
        fresh.tau = EstimateTau(tauIn, w, m_config.tauEstimate);
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j != w)
            {
                fresh.receivers.push_back(j);
                fresh.remaining.push_back(m_config.volume);
            }
        }
        view.tasks.push_back(fresh);
    }
    if (view.tasks.empty())
    {
        return;
    }
    if (withNewTask)
    {
        m_selector->SelectOnReady(view, view.tasks.size() - 1, m_selectRng);
    }
    else
    {
        // Only SELMCAST drops receivers in flight, so only it re-selects (Validate).
        static_cast<const SelmcastSelector&>(*m_selector).Reselect(view, m_selectRng);
    }
    ++m_result.selections;

    size_t index = 0;
    for (auto& entry : m_live)
    {
        Transfer& t = entry.second;
        std::vector<uint8_t> served(n, 0);
        for (uint32_t j : view.tasks[index].receivers)
        {
            served[j] = 1;
        }
        for (uint32_t j = 0; j < n; ++j)
        {
            m_result.drops += (t.served[j] != 0 && served[j] == 0) ? 1 : 0;
        }
        t.served = served;
        ++index;
    }
    if (withNewTask)
    {
        Transfer t;
        t.served.assign(n, 0);
        t.remaining.assign(n, m_config.volume);
        for (uint32_t j : view.tasks.back().receivers)
        {
            t.served[j] = 1;
        }
        t.ready = m_now;
        m_live[w] = t;
    }
}

void
SspFlowSimulation::Allocate()
{
    const SspTauInputs tauIn = TauInputs();
    RatePorts ports;
    ports.ingress = m_ingress;
    ports.egress = m_egress;
    std::vector<RateFlow> flows;
    std::vector<Transfer*> owner;
    for (auto& entry : m_live)
    {
        RateFlow flow;
        flow.sender = entry.first;
        for (uint32_t j = 0; j < m_config.n; ++j)
        {
            if (entry.second.served[j] != 0)
            {
                flow.receivers.push_back(j);
            }
        }
        entry.second.rate = 0;
        if (flow.receivers.empty())
        {
            continue; // ends at once (NextTransferEnd)
        }
        flow.remaining = SessionLeft(entry.second);
        flow.deadline = EstimateTau(tauIn, entry.first, m_config.tauEstimate);
        flows.push_back(flow);
        owner.push_back(&entry.second);
    }
    if (flows.empty())
    {
        return;
    }
    const std::vector<double> rates = AllocateRates(m_config.ratePolicy, ports, flows);
    for (size_t f = 0; f < flows.size(); ++f)
    {
        owner[f]->rate = rates[f];
    }
}

void
SspFlowSimulation::Release()
{
    const uint32_t least = *std::min_element(m_roundsDone.begin(), m_roundsDone.end());
    for (uint32_t u = 0; u < m_config.n; ++u)
    {
        if (m_phase[u] == Phase::Blocked && m_roundsDone[u] - least <= m_config.staleness)
        {
            StartCompute(u);
        }
    }
}

SspTauInputs
SspFlowSimulation::TauInputs() const
{
    SspTauInputs in;
    in.staleness = m_config.staleness;
    in.volume = m_config.volume;
    in.meanCompute = m_computeCount == 0 ? 0 : m_computeTotal / m_computeCount;
    in.meanSync = m_result.multicasts == 0 ? -1 : m_syncTotal / m_result.multicasts;
    for (uint32_t w = 0; w < m_config.n; ++w)
    {
        SspWorkerPhase phase;
        phase.roundsDone = m_roundsDone[w];
        phase.ingress = m_ingress[w];
        phase.blocked = m_phase[w] == Phase::Blocked;
        phase.computeElapsed = m_now - m_computeStart[w];
        auto live = m_live.find(w);
        phase.transferring = live != m_live.end();
        if (phase.transferring)
        {
            const Transfer& t = live->second;
            for (uint32_t j = 0; j < m_config.n; ++j)
            {
                if (t.served[j] != 0)
                {
                    phase.transferLeft =
                        std::max(phase.transferLeft, t.remaining[j] / std::max(t.rate, 1.0));
                }
            }
        }
        in.workers.push_back(phase);
    }
    return in;
}

} // namespace selmcast
} // namespace ns3
