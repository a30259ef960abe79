/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_PROBLEM_H
#define SELMCAST_PROBLEM_H

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * The receiver-selection problem of one synchronization (spec sections 2, 3 and 7): a plain C++
 * value type with no simulator types, shared by the selectors, the optimum solver, the
 * applications and the benchmarks.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * How a parameter block reaches its receivers.
 */
enum class Delivery
{
    L3, //!< IP multicast: one copy leaves the sender, the fabric replicates it.
    L7  //!< Application-level multicast: one unicast transfer per receiver.
};

/**
 * \ingroup selmcast
 * \param delivery a delivery mode
 * \return "L3" or "L7"
 */
std::string ToString(Delivery delivery);

/**
 * \ingroup selmcast
 * Parse "L3" or "L7" (case-insensitive).
 * \param text the text to parse
 * \return the delivery mode
 * \throws std::invalid_argument naming the allowed values
 */
Delivery ParseDelivery(const std::string& text);

/**
 * \ingroup selmcast
 * A dense row-major n x n matrix; element (i, j) is about the pair sender i, receiver j.
 */
template <typename T>
class Matrix
{
  public:
    /** An empty 0 x 0 matrix. */
    Matrix() = default;

    /**
     * \param n the number of rows and columns
     * \param value the initial value of every element
     */
    explicit Matrix(uint32_t n, T value = T())
        : m_n(n),
          m_data(static_cast<size_t>(n) * n, value)
    {
    }

    /** \return the number of rows (and columns) */
    uint32_t Size() const
    {
        return m_n;
    }

    /**
     * \param i row (sender)
     * \param j column (receiver)
     * \return a reference to element (i, j)
     */
    T& operator()(uint32_t i, uint32_t j)
    {
        return m_data[static_cast<size_t>(i) * m_n + j];
    }

    /**
     * \param i row (sender)
     * \param j column (receiver)
     * \return element (i, j)
     */
    const T& operator()(uint32_t i, uint32_t j) const
    {
        return m_data[static_cast<size_t>(i) * m_n + j];
    }

    /**
     * \param other another matrix
     * \return true when both have the same size and elements
     */
    bool operator==(const Matrix& other) const
    {
        return m_n == other.m_n && m_data == other.m_data;
    }

    /**
     * \param other another matrix
     * \return true when they differ
     */
    bool operator!=(const Matrix& other) const
    {
        return !(*this == other);
    }

  private:
    uint32_t m_n{0};       //!< rows and columns
    std::vector<T> m_data; //!< row-major elements
};

/**
 * \ingroup selmcast
 * One BSP synchronization: every worker multicasts its block once (spec section 3).
 *
 * Bandwidths and volumes share one unit system of the caller's choice (for example bytes and
 * bytes per second); times come out in the matching unit.
 */
struct Problem
{
    uint32_t n{0};                      //!< number of workers
    Delivery delivery{Delivery::L3};    //!< L3 or L7
    std::vector<double> volume;         //!< v_i, block volume of sender i, > 0
    std::vector<uint32_t> minReceivers; //!< p_i, receivers sender i needs, in [0, n - 1]
    std::vector<double> ingress;        //!< b^I_i, worker i's available ingress bandwidth, > 0
    std::vector<double> egress;         //!< b^E_j, worker j's available egress bandwidth, > 0
    /**
     * D: forced(i, j) != 0 when pair (i, j) must be selected. Empty (size 0) means no forced pair;
     * otherwise n x n with a zero diagonal.
     */
    Matrix<uint8_t> forced;
    /**
     * c_ij: consecutive most recent rounds of i in which j got nothing from i. Orders the Pareto
     * improvement. Empty (size 0) means all zero; otherwise n x n.
     */
    Matrix<uint32_t> counters;

    /**
     * Check every field.
     * \throws std::invalid_argument whose message names the field, the offending index and the
     *         allowed range
     */
    void Validate() const;

    /**
     * \param i sender
     * \param j receiver
     * \return true when (i, j) is in D
     */
    bool IsForced(uint32_t i, uint32_t j) const
    {
        return forced.Size() != 0 && forced(i, j) != 0;
    }

    /**
     * \param i sender
     * \param j receiver
     * \return c_ij (0 when no counters are given)
     */
    uint32_t Counter(uint32_t i, uint32_t j) const
    {
        return counters.Size() == 0 ? 0 : counters(i, j);
    }

    /** \return true when every v_i equals v_0 exactly */
    bool HasEqualVolumes() const;
};

/**
 * \ingroup selmcast
 * D = {(i, j) : i != j, c_ij >= k}.
 * \param counters c_ij
 * \param k the forced-round limit (k >= 1)
 * \return the forced pairs
 */
Matrix<uint8_t> ForcedFromCounters(const Matrix<uint32_t>& counters, uint32_t k);

/**
 * \ingroup selmcast
 * A receiver selection: x(i, j) != 0 when i sends its block to j.
 */
using Plan = Matrix<uint8_t>;

/**
 * \ingroup selmcast
 * s_i: L3 max_j v_i x_ij, L7 sum_j v_i x_ij.
 * \param problem the problem
 * \param plan the plan
 * \param i sender
 * \return the sender-side volume of i
 */
double SenderVolume(const Problem& problem, const Plan& plan, uint32_t i);

/**
 * \ingroup selmcast
 * R_j = sum_i v_i x_ij.
 * \param problem the problem
 * \param plan the plan
 * \param j receiver
 * \return the receiver-side volume of j
 */
double ReceiverVolume(const Problem& problem, const Plan& plan, uint32_t j);

/**
 * \ingroup selmcast
 * t(X) = max over workers of max(s_i / b^I_i, R_i / b^E_i).
 * \param problem the problem
 * \param plan the plan
 * \return the completion time of the plan
 */
double CompletionTime(const Problem& problem, const Plan& plan);

/**
 * \ingroup selmcast
 * The fluid ideal of spec section 7: max(sum_i p_i v_i / sum_j b^E_j, sum_i s_i_min / sum_i b^I_i)
 * with s_i_min = v_i (L3) or p_i v_i (L7).
 * \param problem the problem
 * \return the lower bound used to normalize completion times
 */
double FluidIdeal(const Problem& problem);

/**
 * \ingroup selmcast
 * \param plan the plan
 * \return sum x / n^2 (normalized by n, as the paper does)
 */
double MulticastScale(const Plan& plan);

/**
 * \ingroup selmcast
 * \param plan the plan
 * \param i sender
 * \return the number of receivers of i
 */
uint32_t CountReceivers(const Plan& plan, uint32_t i);

/**
 * \ingroup selmcast
 * Check that a plan satisfies the constraints: size n, no self pair, every pair of D, at least
 * p_i receivers per sender.
 * \param problem the problem
 * \param plan the plan
 * \return an empty string when the plan is valid, otherwise what is wrong
 */
std::string CheckPlan(const Problem& problem, const Plan& plan);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_PROBLEM_H
