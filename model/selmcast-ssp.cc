/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup selmcast
 * SELMCAST for SSP: Algorithm 2 of the paper (spec section 5), one call each time a worker
 * becomes ready.
 *
 * Definitions used below. A "pair" is (task t, position r in view.tasks[t].receivers); its
 * receiver is j = receivers[r] and its volume v_ij = remaining[r]. x is the plan on entry (every
 * listed pair, including the new task's candidates); y is the plan being built. R_j(y) =
 * sum of v_ij over the pairs of y whose receiver is j; s_i(y) is max (L3) or sum (L7) of v_ij
 * over task i's pairs in y.
 *
 * Steps, in this order:
 * 1. Keep every pair that is forced (c_ij >= k) or mostly delivered (v_ij < eta v_i as
 *    printed; KeepsByDelivery gives the other readings of the options).
 * 2. Basic selection. Tasks are visited in tau order; a task with q = p_i - |kept| > 0 takes,
 *    among its pairs not kept, the q with the smallest key (v_ij + R_j(y)) / b^E_j (all of them
 *    when it has at most q); ties go to the lower receiver rank. R_j(y) is updated at once, so
 *    later tasks see the load. (Within one task each receiver appears once, so taking the q
 *    smallest keys at once equals taking them one by one.)
 * 3. Pareto improvement. t_i = max(tau_i, s_i(y) / b^I_i, max over i's pairs j in y of
 *    R_j(y) / b^E_j), all computed once after step 2 and fixed. The pairs not in y are visited
 *    in non-increasing c_ij; (i, j) joins y when s_i' / b^I_i <= t_i (1 + epsilon) and
 *    R_j' / b^E_j <= t_i (1 + epsilon), where s_i' is s_i(y) with the pair added and R_j' is
 *    R_j(y) + v_ij (ParetoLoad::NewPlan) or R_j(x) + v_ij (ParetoLoad::OldPlan, x fixed, as
 *    printed in the paper's pseudocode; the pair's own volume is then counted twice). A re-added
 *    pair updates s_i(y) and R_j(y). Only task i's own t_i is checked. With
 *    ParetoScope::NewTask only the new task's pairs are candidates; with
 *    ParetoDeadline::Global every task is bounded by the largest t_i instead of its own.
 * 4. x = y: every task keeps its pairs of y, in their original order; the others are returned
 *    as dropped. Drops are final: the caller must never list a dropped receiver for that task
 *    again (whatever part of the block it got is wasted), or the receiver would be re-added.
 *
 * RNG consumption (exactly three calls of Rng::Shuffle, in this order, whatever the view;
 * a shuffle of fewer than two elements draws nothing):
 * 1. order = [0, 1, ..., |G| - 1] (indices into view.tasks) is shuffled, then stable-sorted by
 *    tau (non-decreasing, or non-increasing with TauOrder::NonIncreasing): the task order of
 *    step 2.
 * 2. perm = [0, 1, ..., n - 1] is shuffled; rank[perm[r]] = r. The lower rank wins a tie of the
 *    drain key in step 2.
 * 3. The pairs not in y after step 2, listed by task index then by position in the task's
 *    receivers, are shuffled, then stable-sorted by c_ij, non-increasing: the order of step 3.
 *
 * Complexity, with P the number of listed pairs (at most |G| (n - 1)) and D <= P the pairs
 * left out by step 2: O(P + n + |G| log |G|) for steps 1, 2 and 4 (nth_element per task), plus
 * O(D + max c_ij) for step 3 when the counters are small (counting sort), O(D log D) otherwise.
 */

#include "selmcast-algorithm.h"
#include "selmcast-ssp-plan.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace selmcast
{

namespace
{

/** A pair of one task that the basic selection may take. */
struct Candidate
{
    double key;    //!< post-assignment drain time (v_ij + R_j(y)) / b^E_j
    uint32_t rank; //!< seeded receiver rank, breaks ties of key
    uint32_t pos;  //!< position in the task's receivers
};

/**
 * Sort packed (c_ij << 32 | pair) values by c_ij, non-increasing, keeping the order of equal
 * counters (a stable sort).
 * \param packed the values, sorted in place
 */
void
StableSortByCounterDescending(std::vector<uint64_t>& packed)
{
    if (packed.size() < 2)
    {
        return;
    }
    uint64_t maxCounter = 0;
    for (uint64_t value : packed)
    {
        maxCounter = std::max(maxCounter, value >> 32);
    }
    // Counters are usually at most a few times k: a counting sort is linear then. Huge
    // counters would make the bucket array too large; a comparison sort handles them.
    if (maxCounter > 4 * packed.size() + 1024)
    {
        std::stable_sort(packed.begin(), packed.end(), [](uint64_t a, uint64_t b) {
            return (a >> 32) > (b >> 32);
        });
        return;
    }
    std::vector<size_t> start(maxCounter + 2, 0);
    for (uint64_t value : packed)
    {
        // Bucket index maxCounter - c puts the largest counters first.
        ++start[maxCounter - (value >> 32) + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<uint64_t> sorted(packed.size());
    for (uint64_t value : packed)
    {
        sorted[start[maxCounter - (value >> 32)]++] = value;
    }
    packed.swap(sorted);
}

} // namespace

bool
SelmcastSelector::KeepsByDelivery(double remaining, double sessionRemaining, double volume) const
{
    const double own =
        m_options.keepScope == SelmcastOptions::KeepScope::Session ? sessionRemaining : remaining;
    // Received: v_ij is what j already holds, so the printed rule reads "holds less than eta".
    const double measured =
        m_options.keepMeasure == SelmcastOptions::KeepMeasure::Received ? volume - own : own;
    const double limit = m_options.eta * volume;
    return m_options.keepCompare == SelmcastOptions::KeepCompare::LessEqual ? measured <= limit
                                                                            : measured < limit;
}

SspDecision
SelmcastSelector::SelectOnReady(SspView& view, size_t newTask, Rng& rng) const
{
    view.Validate();
    if (newTask >= view.tasks.size())
    {
        throw std::invalid_argument(
            "SelmcastSelector::SelectOnReady: newTask = " + std::to_string(newTask) +
            " must be < tasks.size() = " + std::to_string(view.tasks.size()));
    }
    return SelectSsp(view, newTask, rng);
}

SspDecision
SelmcastSelector::Reselect(SspView& view, Rng& rng) const
{
    view.Validate();
    return SelectSsp(view, view.tasks.size(), rng);
}

SspDecision
SelmcastSelector::SelectSsp(SspView& view, size_t newTask, Rng& rng) const
{
    const uint32_t n = view.n;
    const size_t taskCount = view.tasks.size();
    const bool l3 = view.delivery == Delivery::L3;
    const bool oldPlanLoad = m_options.paretoLoad == SelmcastOptions::ParetoLoad::OldPlan;

    std::vector<double> load(n, 0.0); // R_j(y)
    // Step 1: keep forced and mostly delivered pairs.
    SspPairs pairs =
        KeepSspPairs(view, *this, [&load](size_t, uint32_t j, double v) { load[j] += v; });
    const std::vector<size_t>& offset = pairs.offset;
    std::vector<uint8_t>& inPlan = pairs.inPlan;
    std::vector<uint32_t>& keptCount = pairs.keptCount;

    const std::vector<uint32_t> order = SspTaskOrder(view, m_options, rng); // RNG use 1
    const std::vector<uint32_t> rank = SspReceiverRanks(n, rng);            // RNG use 2

    // Step 2: basic selection by post-assignment drain time.
    std::vector<Candidate> candidates;
    for (uint32_t t : order)
    {
        const SspTask& task = view.tasks[t];
        if (keptCount[t] >= task.minReceivers)
        {
            continue;
        }
        const size_t q = task.minReceivers - keptCount[t];
        candidates.clear();
        for (size_t r = 0; r < task.receivers.size(); ++r)
        {
            if (inPlan[offset[t] + r] == 0)
            {
                const uint32_t j = task.receivers[r];
                // y_ij = 0 here, so R_j(y) is exactly sum_{l != i} v_lj y_lj.
                candidates.push_back({(task.remaining[r] + load[j]) / view.egress[j],
                                      rank[j],
                                      static_cast<uint32_t>(r)});
            }
        }
        if (candidates.size() > q)
        {
            std::nth_element(candidates.begin(),
                             candidates.begin() + (q - 1),
                             candidates.end(),
                             [](const Candidate& a, const Candidate& b) {
                                 return a.key < b.key || (a.key == b.key && a.rank < b.rank);
                             });
            candidates.resize(q);
        }
        for (const Candidate& c : candidates)
        {
            inPlan[offset[t] + c.pos] = 1;
            load[task.receivers[c.pos]] += task.remaining[c.pos];
            ++keptCount[t];
        }
    }

    // Step 3: Pareto improvement under each task's own estimated completion t_i.
    std::vector<double> senderVolume(taskCount, 0.0); // s_i(y)
    std::vector<double> limit(taskCount, 0.0);        // t_i (1 + epsilon)
    for (size_t t = 0; t < taskCount; ++t)
    {
        const SspTask& task = view.tasks[t];
        double s = 0;
        double completion = task.tau;
        for (size_t r = 0; r < task.receivers.size(); ++r)
        {
            if (inPlan[offset[t] + r] != 0)
            {
                const uint32_t j = task.receivers[r];
                s = l3 ? std::max(s, task.remaining[r]) : s + task.remaining[r];
                completion = std::max(completion, load[j] / view.egress[j]);
            }
        }
        completion = std::max(completion, s / view.ingress[task.sender]);
        senderVolume[t] = s;
        limit[t] = completion * (1 + m_options.epsilon);
    }

    if (m_options.paretoDeadline == SelmcastOptions::ParetoDeadline::Global)
    {
        std::fill(limit.begin(), limit.end(), *std::max_element(limit.begin(), limit.end()));
    }

    // RNG use 3: order of the left-out pairs.
    const std::vector<size_t> leftOut = SspLeftOutOrder(view, pairs, rng);

    const bool newTaskOnly = m_options.paretoScope == SelmcastOptions::ParetoScope::NewTask;
    for (size_t p : leftOut)
    {
        const uint32_t t = pairs.pairTask[p];
        if (newTaskOnly && t != newTask)
        {
            continue; // the same draws as AllTasks: only the candidates differ
        }
        const SspTask& task = view.tasks[t];
        const size_t r = p - offset[t];
        const uint32_t j = task.receivers[r];
        const double v = task.remaining[r];
        const double s = l3 ? std::max(senderVolume[t], v) : senderVolume[t] + v;
        const double receiverVolume = (oldPlanLoad ? pairs.listedLoad[j] : load[j]) + v;
        if (s / view.ingress[task.sender] <= limit[t] &&
            receiverVolume / view.egress[j] <= limit[t])
        {
            inPlan[p] = 1;
            senderVolume[t] = s;
            load[j] += v;
        }
    }

    // Step 4: x = y.
    return ApplySspPlan(view, offset, inPlan);
}

SspPairs
KeepSspPairs(const SspView& view,
             const SelmcastSelector& selector,
             const std::function<void(size_t, uint32_t, double)>& keep)
{
    const size_t taskCount = view.tasks.size();
    SspPairs pairs;
    pairs.offset.assign(taskCount + 1, 0);
    for (size_t t = 0; t < taskCount; ++t)
    {
        pairs.offset[t + 1] = pairs.offset[t] + view.tasks[t].receivers.size();
    }
    if (pairs.offset[taskCount] > UINT32_MAX)
    {
        throw std::invalid_argument("SelectOnReady: too many receivers in tasks");
    }
    pairs.pairTask.resize(pairs.offset[taskCount]);
    pairs.inPlan.assign(pairs.offset[taskCount], 0);
    pairs.keptCount.assign(taskCount, 0);
    pairs.listedLoad.assign(view.n, 0.0);
    for (size_t t = 0; t < taskCount; ++t)
    {
        const SspTask& task = view.tasks[t];
        const double session = task.remaining.empty() ? 0.0
                                                      : *std::max_element(task.remaining.begin(),
                                                                          task.remaining.end());
        for (size_t r = 0; r < task.receivers.size(); ++r)
        {
            const size_t p = pairs.offset[t] + r;
            const uint32_t j = task.receivers[r];
            const double v = task.remaining[r];
            pairs.pairTask[p] = static_cast<uint32_t>(t);
            pairs.listedLoad[j] += v;
            if (view.IsForced(task.sender, j) || selector.KeepsByDelivery(v, session, task.volume))
            {
                pairs.inPlan[p] = 1;
                ++pairs.keptCount[t];
                keep(t, j, v);
            }
        }
    }
    return pairs;
}

std::vector<uint32_t>
SspTaskOrder(const SspView& view, const SelmcastOptions& options, Rng& rng)
{
    std::vector<uint32_t> order(view.tasks.size());
    std::iota(order.begin(), order.end(), 0u);
    rng.Shuffle(order);
    const bool up = options.tauOrder == SelmcastOptions::TauOrder::NonDecreasing;
    std::stable_sort(order.begin(), order.end(), [&view, up](uint32_t a, uint32_t b) {
        return up ? view.tasks[a].tau < view.tasks[b].tau : view.tasks[a].tau > view.tasks[b].tau;
    });
    return order;
}

std::vector<uint32_t>
SspReceiverRanks(uint32_t n, Rng& rng)
{
    std::vector<uint32_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0u);
    rng.Shuffle(perm);
    std::vector<uint32_t> rank(n);
    for (uint32_t r = 0; r < n; ++r)
    {
        rank[perm[r]] = r;
    }
    return rank;
}

std::vector<size_t>
SspLeftOutOrder(const SspView& view, const SspPairs& pairs, Rng& rng)
{
    // Packed as c_ij << 32 | pair index, so that one shuffle and one stable sort move both.
    std::vector<uint64_t> packed;
    packed.reserve(pairs.inPlan.size());
    for (size_t p = 0; p < pairs.inPlan.size(); ++p)
    {
        if (pairs.inPlan[p] == 0)
        {
            const SspTask& task = view.tasks[pairs.pairTask[p]];
            const uint32_t j = task.receivers[p - pairs.offset[pairs.pairTask[p]]];
            packed.push_back(uint64_t{view.Counter(task.sender, j)} << 32 | p);
        }
    }
    rng.Shuffle(packed);
    StableSortByCounterDescending(packed);
    std::vector<size_t> order(packed.size());
    std::transform(packed.begin(), packed.end(), order.begin(), [](uint64_t value) {
        return static_cast<size_t>(value & UINT32_MAX);
    });
    return order;
}

SspDecision
ApplySspPlan(SspView& view, const std::vector<size_t>& offset, const std::vector<uint8_t>& inPlan)
{
    const size_t taskCount = view.tasks.size();
    SspDecision decision;
    decision.dropped.resize(taskCount);
    for (size_t t = 0; t < taskCount; ++t)
    {
        SspTask& task = view.tasks[t];
        size_t kept = 0;
        for (size_t r = 0; r < task.receivers.size(); ++r)
        {
            if (inPlan[offset[t] + r] != 0)
            {
                task.receivers[kept] = task.receivers[r];
                task.remaining[kept] = task.remaining[r];
                ++kept;
            }
            else
            {
                decision.dropped[t].push_back(task.receivers[r]);
            }
        }
        task.receivers.resize(kept);
        task.remaining.resize(kept);
    }
    return decision;
}

} // namespace selmcast
} // namespace ns3
