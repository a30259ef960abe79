/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// SELMCAST for BSP: Algorithm 1 of the paper (spec section 4). SelectOnReady (Algorithm 2) lives
// in selmcast-ssp.cc.
//
// RNG consumption of SelectRound, in this order, and nothing else:
// (a) one Shuffle of the sender list 0, 1, ..., n - 1; a stable sort by the number of forced
//     receivers (|D_i|), most first, then gives the order of the basic selection;
// (b) one Shuffle of the list 0, 1, ..., n - 1 giving the receiver ranks: rank[list[k]] = k. Among
//     receivers of equal drain time (v_i + R_j) / b^E_j the lower rank is taken first;
// (c) one Shuffle of the Pareto candidate list, then a stable sort by c_ij, largest first. The
//     list holds, in row-major order (i, then j), the unselected pairs (i, j), i != j, that pass
//     both tests against the state right after the basic selection. Since s_i and R_j only grow,
//     a pair failing then fails at every later point, so leaving it out changes no decision; it
//     only saves draws (about n^2 of them otherwise).
// Shuffle is Rng's Fisher-Yates: a list of m elements draws UniformIndex(m), ..., UniformIndex(2).
//
// Complexity and speed. Every step below makes exactly the decisions of the literal algorithm
// (test/gtest/reference-bsp.h checks this plan for plan); only the way of finding them is faster.
// - D: O(n^2), branch-free.
// - The q lightest receivers of a sender: O(n) expected. Drain times are spread over about as many
//   equal-width buckets as there are candidates; every bucket below the one holding the q-th
//   lightest is taken whole (the bucket map is monotone, so its keys are strictly smaller), and
//   nth_element on (drain time, rank) settles the boundary bucket only.
// - Pareto tests without a division per pair: (R_j + v) / b^E_j is non-decreasing in v (IEEE
//   addition and division round monotonically), so "receiver j can take sender i" is
//   v_i <= room_j, where room_j is the largest sender volume that passes for j, found by binary
//   search over the distinct volumes and refreshed when R_j grows.
// - Candidate sort: counting sort when the counter values span at most as many values as there
//   are candidates, std::stable_sort otherwise.
// O(n^2 log n) per call at worst; about O(n^2) on the paper's instances.

#include "selmcast-algorithm.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace selmcast
{

namespace
{

/** A receiver candidate of the basic selection. */
struct Candidate
{
    double key;    //!< drain time (v_i + R_j) / b^E_j after the assignment
    uint32_t rank; //!< tie-break of equal keys, lower first
    uint32_t j;    //!< receiver
};

/**
 * \param a a candidate
 * \param b another candidate
 * \return true when a is taken before b: smaller drain time, then lower rank
 */
bool
Lighter(const Candidate& a, const Candidate& b)
{
    return a.key < b.key || (a.key == b.key && a.rank < b.rank);
}

/**
 * Buffers of the basic selection, allocated once per call. Appends are branch-free (write, then
 * advance by 0 or 1): which receivers qualify follows no pattern a branch predictor could learn.
 */
struct BasicWorkspace
{
    /** \param n the number of workers */
    explicit BasicWorkspace(uint32_t n)
        : candidates(n),
          bucket(n),
          count(n),
          border(n),
          taken(n)
    {
    }

    std::vector<Candidate> candidates; //!< the eligible receivers of the current sender
    std::vector<uint32_t> bucket;      //!< bucket of each candidate
    std::vector<uint32_t> count;       //!< candidates per bucket
    std::vector<Candidate> border;     //!< the candidates of the boundary bucket
    std::vector<uint32_t> taken;       //!< the receivers chosen
};

/**
 * Find the receivers of the q lightest of the first m work.candidates under Lighter.
 * \param m the number of candidates, q < m
 * \param q how many to take
 * \param low the smallest key among the candidates
 * \param high the largest key among the candidates
 * \param work buffers; the result is work.taken[0, q), in no particular order
 */
void
TakeLightest(size_t m, size_t q, double low, double high, BasicWorkspace& work)
{
    const Candidate* candidates = work.candidates.data();
    const double width = high - low;
    const double scale = static_cast<double>(m) / width;
    if (!(width > 0) || !std::isfinite(width) || !std::isfinite(scale))
    {
        // Equal (or extreme) keys: one nth_element over all of them.
        std::copy(candidates, candidates + m, work.border.begin());
        std::nth_element(work.border.begin(),
                         work.border.begin() + q,
                         work.border.begin() + m,
                         Lighter);
        for (size_t k = 0; k < q; ++k)
        {
            work.taken[k] = work.border[k].j;
        }
        return;
    }
    uint32_t* bucket = work.bucket.data();
    uint32_t* count = work.count.data();
    std::fill(count, count + m, 0);
    const double last = static_cast<double>(m - 1);
    for (size_t k = 0; k < m; ++k)
    {
        // Monotone in the key: a lower bucket holds strictly smaller keys.
        const double position = (candidates[k].key - low) * scale;
        const uint32_t b = static_cast<uint32_t>(position < last ? position : last);
        bucket[k] = b;
        ++count[b];
    }
    size_t below = 0;
    uint32_t boundary = 0;
    while (below + count[boundary] < q)
    {
        below += count[boundary++];
    }
    size_t taken = 0;
    size_t border = 0;
    for (size_t k = 0; k < m; ++k)
    {
        work.taken[taken] = candidates[k].j;
        taken += bucket[k] < boundary ? 1 : 0;
        work.border[border] = candidates[k];
        border += bucket[k] == boundary ? 1 : 0;
    }
    const size_t need = q - below;
    if (need < border)
    {
        std::nth_element(work.border.begin(),
                         work.border.begin() + need,
                         work.border.begin() + border,
                         Lighter);
    }
    for (size_t k = 0; k < need; ++k)
    {
        work.taken[taken + k] = work.border[k].j;
    }
}

/** A candidate pair of the Pareto improvement. */
struct PairEntry
{
    uint16_t i;       //!< sender
    uint16_t j;       //!< receiver
    uint32_t counter; //!< c_ij
};

/**
 * Stable sort by c_ij, largest first.
 * \param pairs the pairs, sorted in place
 */
void
SortByCounterDescending(std::vector<PairEntry>& pairs)
{
    if (pairs.empty())
    {
        return;
    }
    uint32_t low = std::numeric_limits<uint32_t>::max();
    uint32_t high = 0;
    for (const PairEntry& e : pairs)
    {
        low = std::min(low, e.counter);
        high = std::max(high, e.counter);
    }
    if (low == high)
    {
        return;
    }
    const uint64_t span = static_cast<uint64_t>(high) - low + 1;
    if (span > pairs.size())
    {
        std::stable_sort(pairs.begin(), pairs.end(), [](const PairEntry& a, const PairEntry& b) {
            return a.counter > b.counter;
        });
        return;
    }
    // Counting sort, stable; bucket 0 holds the largest counter.
    std::vector<size_t> start(span + 1, 0);
    for (const PairEntry& e : pairs)
    {
        ++start[high - e.counter + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<PairEntry> sorted(pairs.size());
    for (const PairEntry& e : pairs)
    {
        sorted[start[high - e.counter]++] = e;
    }
    pairs.swap(sorted);
}

} // namespace

void
SelmcastOptions::Validate() const
{
    std::ostringstream message;
    message.precision(10);
    if (!(eta >= 0 && eta <= 1))
    {
        message << "SelmcastOptions: eta = " << eta << " is out of range: must be in [0, 1]";
        throw std::invalid_argument(message.str());
    }
    if (!std::isfinite(epsilon) || epsilon < 0)
    {
        message << "SelmcastOptions: epsilon = " << epsilon
                << " is out of range: must be finite and >= 0";
        throw std::invalid_argument(message.str());
    }
    if (tauOrder != TauOrder::NonDecreasing && tauOrder != TauOrder::NonIncreasing)
    {
        message << "SelmcastOptions: tauOrder = " << static_cast<int>(tauOrder)
                << " is unknown: must be NonDecreasing or NonIncreasing";
        throw std::invalid_argument(message.str());
    }
    if (paretoLoad != ParetoLoad::NewPlan && paretoLoad != ParetoLoad::OldPlan)
    {
        message << "SelmcastOptions: paretoLoad = " << static_cast<int>(paretoLoad)
                << " is unknown: must be NewPlan or OldPlan";
        throw std::invalid_argument(message.str());
    }
    if (keepCompare != KeepCompare::Less && keepCompare != KeepCompare::LessEqual)
    {
        message << "SelmcastOptions: keepCompare = " << static_cast<int>(keepCompare)
                << " is unknown: must be Less or LessEqual";
        throw std::invalid_argument(message.str());
    }
    if (keepMeasure != KeepMeasure::Remaining && keepMeasure != KeepMeasure::Received)
    {
        message << "SelmcastOptions: keepMeasure = " << static_cast<int>(keepMeasure)
                << " is unknown: must be Remaining or Received";
        throw std::invalid_argument(message.str());
    }
    if (keepScope != KeepScope::Receiver && keepScope != KeepScope::Session)
    {
        message << "SelmcastOptions: keepScope = " << static_cast<int>(keepScope)
                << " is unknown: must be Receiver or Session";
        throw std::invalid_argument(message.str());
    }
    if (paretoScope != ParetoScope::AllTasks && paretoScope != ParetoScope::NewTask)
    {
        message << "SelmcastOptions: paretoScope = " << static_cast<int>(paretoScope)
                << " is unknown: must be AllTasks or NewTask";
        throw std::invalid_argument(message.str());
    }
    if (paretoDeadline != ParetoDeadline::Own && paretoDeadline != ParetoDeadline::Global)
    {
        message << "SelmcastOptions: paretoDeadline = " << static_cast<int>(paretoDeadline)
                << " is unknown: must be Own or Global";
        throw std::invalid_argument(message.str());
    }
}

void
SetSspReading(SelmcastOptions& options, const std::string& name, const std::string& value)
{
    using O = SelmcastOptions;

    // Each reading: its two spellings and how to set the option to the first or the second.
    struct Reading
    {
        const char* name;
        const char* values[2];
        std::function<void(bool)> set;
    };

    const Reading readings[] = {
        {"TauOrder",
         {"non-decreasing", "non-increasing"},
         [&](bool b) {
             options.tauOrder = b ? O::TauOrder::NonIncreasing : O::TauOrder::NonDecreasing;
         }},
        {"ParetoLoad",
         {"new", "old"},
         [&](bool b) { options.paretoLoad = b ? O::ParetoLoad::OldPlan : O::ParetoLoad::NewPlan; }},
        {"KeepCompare",
         {"less", "less-equal"},
         [&](bool b) {
             options.keepCompare = b ? O::KeepCompare::LessEqual : O::KeepCompare::Less;
         }},
        {"KeepMeasure",
         {"remaining", "received"},
         [&](bool b) {
             options.keepMeasure = b ? O::KeepMeasure::Received : O::KeepMeasure::Remaining;
         }},
        {"KeepScope",
         {"receiver", "session"},
         [&](bool b) { options.keepScope = b ? O::KeepScope::Session : O::KeepScope::Receiver; }},
        {"ParetoScope",
         {"all", "new"},
         [&](bool b) {
             options.paretoScope = b ? O::ParetoScope::NewTask : O::ParetoScope::AllTasks;
         }},
        {"ParetoDeadline",
         {"own", "global"},
         [&](bool b) {
             options.paretoDeadline = b ? O::ParetoDeadline::Global : O::ParetoDeadline::Own;
         }},
    };
    std::string names;
    for (const Reading& r : readings)
    {
        names += (names.empty() ? "" : ", ") + std::string(r.name);
        if (name != r.name)
        {
            continue;
        }
        if (value != r.values[0] && value != r.values[1])
        {
            throw std::invalid_argument(name + ": unknown '" + value +
                                        "', allowed: " + r.values[0] + ", " + r.values[1]);
        }
        r.set(value == r.values[1]);
        return;
    }
    throw std::invalid_argument("SetSspReading: unknown reading '" + name + "', allowed: " + names);
}

BasicOrder
DrawBasicOrder(const std::vector<uint32_t>& forcedCount, Rng& rng)
{
    const uint32_t n = static_cast<uint32_t>(forcedCount.size());
    BasicOrder order;
    order.senders.resize(n);
    std::iota(order.senders.begin(), order.senders.end(), 0);
    rng.Shuffle(order.senders);
    std::stable_sort(
        order.senders.begin(),
        order.senders.end(),
        [&forcedCount](uint32_t a, uint32_t b) { return forcedCount[a] > forcedCount[b]; });
    std::vector<uint32_t> list(n);
    std::iota(list.begin(), list.end(), 0);
    rng.Shuffle(list);
    order.rank.resize(n);
    for (uint32_t k = 0; k < n; ++k)
    {
        order.rank[list[k]] = k;
    }
    return order;
}

SelmcastSelector::SelmcastSelector(SelmcastOptions options)
    : m_options(options)
{
    m_options.Validate();
}

std::string
SelmcastSelector::GetName() const
{
    return "selmcast";
}

const SelmcastOptions&
SelmcastSelector::GetOptions() const
{
    return m_options;
}

Plan
SelmcastSelector::SelectRound(const Problem& problem, Rng& rng) const
{
    problem.Validate();
    const uint32_t n = problem.n;
    if (n > 65535)
    {
        // Candidate pairs store i and j in 16 bits; such a plan would take 4 GiB anyway.
        throw std::invalid_argument("SelmcastSelector: n = " + std::to_string(n) +
                                    " is out of range: must be <= 65535");
    }
    const std::vector<double>& v = problem.volume;
    const std::vector<double>& ingress = problem.ingress;
    const std::vector<double>& egress = problem.egress;
    const bool l3 = problem.delivery == Delivery::L3;

    Plan plan(n, 0);
    std::vector<uint32_t> count(n, 0); // |selected receivers of i|
    std::vector<double> load(n, 0.0);  // R_j

    // Basic selection, step 1: every pair of D. Branch-free: D is often an irregular pattern.
    if (problem.forced.Size() != 0)
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            uint32_t forcedCount = 0;
            for (uint32_t j = 0; j < n; ++j)
            {
                const uint8_t f = problem.forced(i, j) != 0 ? 1 : 0;
                plan(i, j) = f;
                forcedCount += f;
                load[j] += f * v[i]; // adding 0 leaves R_j exactly unchanged
            }
            count[i] = forcedCount;
        }
    }

    // (a) Least freedom first: the senders with the most forced receivers; (b) receiver ranks.
    const BasicOrder order = DrawBasicOrder(count, rng);
    const std::vector<uint32_t>& senders = order.senders;
    const std::vector<uint32_t>& rank = order.rank;

    // Basic selection, step 2: each sender takes the q receivers of smallest drain time. A
    // sender's own picks do not change each other's keys, so taking the q smallest at once equals
    // taking them one by one.
    BasicWorkspace work(n);
    const double infinity = std::numeric_limits<double>::infinity();
    for (uint32_t i : senders)
    {
        if (problem.minReceivers[i] <= count[i])
        {
            continue;
        }
        const uint32_t q = problem.minReceivers[i] - count[i];
        size_t m = 0;
        double low = infinity;
        double high = -infinity;
        Candidate* candidates = work.candidates.data();
        for (uint32_t j = 0; j < n; ++j)
        {
            const double key = (v[i] + load[j]) / egress[j];
            const bool eligible = (j != i) & (plan(i, j) == 0);
            candidates[m] = {key, rank[j], j};
            m += eligible ? 1 : 0;
            low = std::min(low, eligible ? key : infinity);
            high = std::max(high, eligible ? key : -infinity);
        }
        // Validate guarantees p_i <= n - 1, hence q <= m.
        if (q < m)
        {
            TakeLightest(m, q, low, high, work);
        }
        else
        {
            for (size_t k = 0; k < m; ++k)
            {
                work.taken[k] = candidates[k].j;
            }
        }
        for (uint32_t k = 0; k < q; ++k)
        {
            const uint32_t j = work.taken[k];
            plan(i, j) = 1;
            load[j] += v[i];
        }
        count[i] += q;
    }

    // Pareto improvement at the fixed estimate t of the basic plan.
    double t = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        const double sent = l3 ? (count[i] > 0 ? v[i] : 0.0) : count[i] * v[i]; // s_i
        t = std::max({t, sent / ingress[i], load[i] / egress[i]});
    }
    const double limit = t * (1 + m_options.epsilon);
    // s_i' is computed as CompletionTime computes s_i, and grows with count[i].
    auto senderFits = [&](uint32_t i) {
        const double next = l3 ? v[i] : (count[i] + 1) * v[i];
        return next / ingress[i] <= limit;
    };
    std::vector<double> volumes = v;
    std::sort(volumes.begin(), volumes.end());
    volumes.erase(std::unique(volumes.begin(), volumes.end()), volumes.end());
    // The largest volume u of a sender with (R_j + u) / b^E_j <= limit; 0 when there is none.
    auto roomOf = [&](uint32_t j) {
        size_t lo = 0;
        size_t hi = volumes.size();
        while (lo < hi)
        {
            const size_t mid = lo + (hi - lo) / 2;
            if ((load[j] + volumes[mid]) / egress[j] <= limit)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo == 0 ? 0.0 : volumes[lo - 1];
    };
    std::vector<double> room(n);
    std::vector<uint8_t> senderOk(n);
    for (uint32_t k = 0; k < n; ++k)
    {
        room[k] = roomOf(k);
        senderOk[k] = senderFits(k) ? 1 : 0;
    }

    // (c) Candidates that pass both tests now, row-major; counted first to allocate once.
    size_t m = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        if (senderOk[i] != 0)
        {
            for (uint32_t j = 0; j < n; ++j)
            {
                m += ((plan(i, j) == 0) & (v[i] <= room[j])) ? 1 : 0;
            }
            m -= v[i] <= room[i] ? 1 : 0; // the diagonal is unselected but no pair
        }
    }
    std::vector<PairEntry> pairs(m + 1); // one spare slot for the branch-free appends
    m = 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        if (senderOk[i] == 0)
        {
            continue;
        }
        for (uint32_t j = 0; j < n; ++j)
        {
            pairs[m] = {static_cast<uint16_t>(i), static_cast<uint16_t>(j), problem.Counter(i, j)};
            m += ((j != i) & (plan(i, j) == 0) & (v[i] <= room[j])) ? 1 : 0;
        }
    }
    pairs.resize(m);
    rng.Shuffle(pairs);
    SortByCounterDescending(pairs);
    for (const PairEntry& e : pairs)
    {
        const uint32_t i = e.i;
        const uint32_t j = e.j;
        if (senderOk[i] != 0 && v[i] <= room[j])
        {
            plan(i, j) = 1;
            ++count[i];
            load[j] += v[i];
            room[j] = roomOf(j);
            senderOk[i] = senderFits(i) ? 1 : 0;
        }
    }
    return plan;
}

} // namespace selmcast
} // namespace ns3
