/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "selmcast-baselines.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace ns3
{
namespace selmcast
{

namespace
{

/**
 * Move q uniformly chosen elements of candidates to its front (partial Fisher-Yates): draws
 * UniformIndex(size - k) for k = 0, ..., q - 1, as documented on RandomSelector.
 * \param candidates the candidates, permuted in place
 * \param q how many to choose, <= candidates.size()
 * \param rng the randomness
 */
void
ChooseFront(std::vector<uint32_t>& candidates, size_t q, Rng& rng)
{
    for (size_t k = 0; k < q; ++k)
    {
        const size_t pick = k + static_cast<size_t>(rng.UniformIndex(candidates.size() - k));
        std::swap(candidates[k], candidates[pick]);
    }
}

/**
 * \param view the view
 * \param newTask the index to check
 * \throws std::invalid_argument when newTask is not an index of view.tasks
 */
void
CheckNewTask(const SspView& view, size_t newTask)
{
    if (newTask >= view.tasks.size())
    {
        throw std::invalid_argument(
            "SelectOnReady: newTask = " + std::to_string(newTask) +
            " is out of range: must be < tasks.size() = " + std::to_string(view.tasks.size()));
    }
}

} // namespace

std::string
RandomSelector::GetName() const
{
    return "random";
}

Plan
RandomSelector::SelectRound(const Problem& problem, Rng& rng) const
{
    problem.Validate();
    const uint32_t n = problem.n;
    Plan plan(n, 0);
    std::vector<uint32_t> others;
    others.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        others.clear();
        uint32_t forcedCount = 0;
        for (uint32_t j = 0; j < n; ++j)
        {
            if (j == i)
            {
                continue;
            }
            if (problem.IsForced(i, j))
            {
                plan(i, j) = 1;
                ++forcedCount;
            }
            else
            {
                others.push_back(j);
            }
        }
        if (problem.minReceivers[i] > forcedCount)
        {
            const size_t q = problem.minReceivers[i] - forcedCount;
            ChooseFront(others, q, rng);
            for (size_t k = 0; k < q; ++k)
            {
                plan(i, others[k]) = 1;
            }
        }
    }
    return plan;
}

SspDecision
RandomSelector::SelectOnReady(SspView& view, size_t newTask, Rng& rng) const
{
    view.Validate();
    CheckNewTask(view, newTask);
    SspTask& task = view.tasks[newTask];
    if (task.receivers.size() < task.minReceivers)
    {
        throw std::invalid_argument(
            "RandomSelector::SelectOnReady: tasks[" + std::to_string(newTask) + "] lists " +
            std::to_string(task.receivers.size()) +
            " candidate receivers, fewer than minReceivers = " + std::to_string(task.minReceivers));
    }
    // keep[r] tells whether the r-th listed candidate stays; positions, not worker ids, are
    // shuffled so that the listed order decides the draws.
    std::vector<uint8_t> keep(task.receivers.size(), 0);
    std::vector<uint32_t> others;
    uint32_t forcedCount = 0;
    for (size_t r = 0; r < task.receivers.size(); ++r)
    {
        if (view.IsForced(task.sender, task.receivers[r]))
        {
            keep[r] = 1;
            ++forcedCount;
        }
        else
        {
            others.push_back(static_cast<uint32_t>(r));
        }
    }
    if (task.minReceivers > forcedCount)
    {
        const size_t q = task.minReceivers - forcedCount;
        ChooseFront(others, q, rng);
        for (size_t k = 0; k < q; ++k)
        {
            keep[others[k]] = 1;
        }
    }
    SspDecision decision;
    decision.dropped.resize(view.tasks.size());
    std::vector<uint32_t> receivers;
    std::vector<double> remaining;
    for (size_t r = 0; r < task.receivers.size(); ++r)
    {
        if (keep[r] != 0)
        {
            receivers.push_back(task.receivers[r]);
            remaining.push_back(task.remaining[r]);
        }
        else
        {
            decision.dropped[newTask].push_back(task.receivers[r]);
        }
    }
    task.receivers = std::move(receivers);
    task.remaining = std::move(remaining);
    return decision;
}

std::string
BroadcastSelector::GetName() const
{
    return "broadcast";
}

Plan
BroadcastSelector::SelectRound(const Problem& problem, Rng& /* rng */) const
{
    problem.Validate();
    Plan plan(problem.n, 1);
    for (uint32_t i = 0; i < problem.n; ++i)
    {
        plan(i, i) = 0;
    }
    return plan;
}

SspDecision
BroadcastSelector::SelectOnReady(SspView& view, size_t newTask, Rng& /* rng */) const
{
    view.Validate();
    CheckNewTask(view, newTask);
    SspDecision decision;
    decision.dropped.resize(view.tasks.size());
    return decision;
}

} // namespace selmcast
} // namespace ns3
