/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TEST_REFERENCE_SSP_H
#define SELMCAST_TEST_REFERENCE_SSP_H

// A slow, literal transcription of Algorithm 2 (spec section 5) over n x n matrices, written
// without looking at the fast implementation's data structures: every load and sender volume is
// recomputed from scratch where the algorithm reads it, and the basic selection takes one
// receiver at a time. It draws from the Rng exactly as documented at the top of
// model/selmcast-ssp.cc, so that both can be compared seed for seed.

#include "ns3/selmcast-algorithm.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace selmcast_test
{

/**
 * The reference SSP selection.
 * \param view the view on entry (not modified)
 * \param options SELMCAST options (eta, the keep rule's reading, tauOrder, paretoLoad, epsilon)
 * \param rng the generator, advanced exactly as SelectOnReady advances it
 * \return for every task, its receivers after the call, in their order on entry
 */
inline std::vector<std::vector<uint32_t>>
ReferenceSelectOnReady(const ns3::selmcast::SspView& view,
                       const ns3::selmcast::SelmcastOptions& options,
                       ns3::selmcast::Rng& rng)
{
    using ns3::selmcast::Delivery;
    using ns3::selmcast::SelmcastOptions;
    using Grid = std::vector<std::vector<double>>;
    using Flags = std::vector<std::vector<bool>>;

    const uint32_t n = view.n;
    const size_t taskCount = view.tasks.size();
    // Indexed by sender: at most one task per sender.
    Flags x(n, std::vector<bool>(n, false));
    Flags y(n, std::vector<bool>(n, false));
    Grid v(n, std::vector<double>(n, 0.0));
    for (const auto& task : view.tasks)
    {
        for (size_t r = 0; r < task.receivers.size(); ++r)
        {
            x[task.sender][task.receivers[r]] = true;
            v[task.sender][task.receivers[r]] = task.remaining[r];
        }
    }
    // R_j over a plan, optionally leaving out sender `skip`.
    auto receiverVolume = [&](const Flags& plan, uint32_t j, uint32_t skip) {
        double sum = 0;
        for (uint32_t l = 0; l < n; ++l)
        {
            if (l != skip && plan[l][j])
            {
                sum += v[l][j];
            }
        }
        return sum;
    };
    auto senderVolume = [&](const Flags& plan, uint32_t i) {
        double s = 0;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (plan[i][j])
            {
                s = view.delivery == Delivery::L3 ? std::max(s, v[i][j]) : s + v[i][j];
            }
        }
        return s;
    };
    auto count = [&](const Flags& plan, uint32_t i) {
        return static_cast<uint32_t>(std::count(plan[i].begin(), plan[i].end(), true));
    };

    // Keep forced and mostly delivered pairs, under the options' reading of "v_ij < eta v_i".
    for (const auto& task : view.tasks)
    {
        double session = 0;
        for (uint32_t j : task.receivers)
        {
            session = std::max(session, v[task.sender][j]);
        }
        for (uint32_t j : task.receivers)
        {
            double measured = options.keepScope == SelmcastOptions::KeepScope::Session
                                  ? session
                                  : v[task.sender][j];
            if (options.keepMeasure == SelmcastOptions::KeepMeasure::Received)
            {
                measured = task.volume - measured; // what j holds
            }
            const bool delivered = options.keepCompare == SelmcastOptions::KeepCompare::LessEqual
                                       ? measured <= options.eta * task.volume
                                       : measured < options.eta * task.volume;
            if (view.Counter(task.sender, j) >= view.forcedRoundLimit || delivered)
            {
                y[task.sender][j] = true;
            }
        }
    }

    // Task order: shuffle, then stable sort by tau.
    std::vector<size_t> order(taskCount);
    std::iota(order.begin(), order.end(), size_t{0});
    rng.Shuffle(order);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (options.tauOrder == SelmcastOptions::TauOrder::NonDecreasing)
        {
            return view.tasks[a].tau < view.tasks[b].tau;
        }
        return view.tasks[a].tau > view.tasks[b].tau;
    });

    // Receiver ranks.
    std::vector<uint32_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0u);
    rng.Shuffle(perm);
    std::vector<uint32_t> rank(n);
    for (uint32_t r = 0; r < n; ++r)
    {
        rank[perm[r]] = r;
    }

    // Basic selection, one receiver at a time.
    for (size_t t : order)
    {
        const auto& task = view.tasks[t];
        const uint32_t i = task.sender;
        while (count(y, i) < task.minReceivers)
        {
            bool found = false;
            uint32_t best = 0;
            double bestKey = 0;
            for (uint32_t j = 0; j < n; ++j)
            {
                if (!x[i][j] || y[i][j])
                {
                    continue;
                }
                const double key = (v[i][j] + receiverVolume(y, j, i)) / view.egress[j];
                if (!found || key < bestKey || (key == bestKey && rank[j] < rank[best]))
                {
                    found = true;
                    best = j;
                    bestKey = key;
                }
            }
            if (!found)
            {
                break;
            }
            y[i][best] = true;
        }
    }

    // Each task's own estimated completion, from the plan after the basic selection.
    std::vector<double> deadline(taskCount);
    for (size_t t = 0; t < taskCount; ++t)
    {
        const auto& task = view.tasks[t];
        const uint32_t i = task.sender;
        double d = std::max(task.tau, senderVolume(y, i) / view.ingress[i]);
        for (uint32_t j = 0; j < n; ++j)
        {
            if (y[i][j])
            {
                d = std::max(d, receiverVolume(y, j, n) / view.egress[j]);
            }
        }
        deadline[t] = d;
    }

    // Pareto improvement over the dropped pairs, non-increasing c_ij after a shuffle.
    std::vector<std::pair<size_t, uint32_t>> dropped; // (task index, receiver)
    for (size_t t = 0; t < taskCount; ++t)
    {
        for (uint32_t j : view.tasks[t].receivers)
        {
            if (!y[view.tasks[t].sender][j])
            {
                dropped.emplace_back(t, j);
            }
        }
    }
    rng.Shuffle(dropped);
    std::stable_sort(dropped.begin(), dropped.end(), [&](const auto& a, const auto& b) {
        return view.Counter(view.tasks[a.first].sender, a.second) >
               view.Counter(view.tasks[b.first].sender, b.second);
    });
    for (const auto& [t, j] : dropped)
    {
        const uint32_t i = view.tasks[t].sender;
        Flags withPair = y;
        withPair[i][j] = true;
        const double sPrime = senderVolume(withPair, i);
        const double rPrime = options.paretoLoad == SelmcastOptions::ParetoLoad::NewPlan
                                  ? receiverVolume(withPair, j, n)
                                  : receiverVolume(x, j, n) + v[i][j];
        const double bound = deadline[t] * (1 + options.epsilon);
        if (sPrime / view.ingress[i] <= bound && rPrime / view.egress[j] <= bound)
        {
            y[i][j] = true;
        }
    }

    std::vector<std::vector<uint32_t>> result(taskCount);
    for (size_t t = 0; t < taskCount; ++t)
    {
        for (uint32_t j : view.tasks[t].receivers)
        {
            if (y[view.tasks[t].sender][j])
            {
                result[t].push_back(j);
            }
        }
    }
    return result;
}

} // namespace selmcast_test

#endif // SELMCAST_TEST_REFERENCE_SSP_H
