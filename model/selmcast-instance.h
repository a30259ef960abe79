/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_INSTANCE_H
#define SELMCAST_INSTANCE_H

#include "selmcast-problem.h"
#include "selmcast-rng.h"

#include <cstdint>

/**
 * \file
 * \ingroup selmcast
 * The BSP instances of the paper's evaluation (spec section 7).
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * The parameters of one evaluation instance of the paper: n workers, each multicasting a block of
 * the same volume to at least p receivers, with port bandwidths spread by lambda around b
 * (egress) and mu b (ingress).
 */
struct PaperInstance
{
    uint32_t n{100};                 //!< number of workers, >= 2
    uint32_t p{30};                  //!< receivers every sender needs, in [0, n - 1]
    double lambda{0.25};             //!< relative bandwidth spread, in [0, 1)
    double mu{1};                    //!< ingress / egress ratio, finite and > 0
    double bandwidth{1};             //!< b, the mean egress bandwidth, finite and > 0
    double volume{1};                //!< v, every block's volume, finite and > 0
    Delivery delivery{Delivery::L3}; //!< L3 or L7

    /**
     * \throws std::invalid_argument whose message names the field and its allowed range
     */
    void Validate() const;
};

/**
 * \ingroup selmcast
 * Draw one instance: b^E_j = b (1 + lambda x_j), b^I_i = b mu (1 + lambda y_i) with x_j, y_i
 * = 2 U - 1, U = rng.Uniform01(), independent per port; v_i = volume, p_i = p, no forced pair,
 * zero counters.
 *
 * RNG consumption: exactly 2 n calls of Uniform01, first x_0, ..., x_{n-1} (egress of workers
 * 0..n-1), then y_0, ..., y_{n-1} (ingress). With the same seed, instances that differ only in
 * mu have the same spread.
 * \param instance the parameters (validated here)
 * \param rng the only randomness used
 * \return a valid problem
 * \throws std::invalid_argument for invalid parameters
 */
Problem MakePaperProblem(const PaperInstance& instance, Rng& rng);

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_INSTANCE_H
